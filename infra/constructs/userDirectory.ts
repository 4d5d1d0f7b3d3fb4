import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  VerificationEmailStyle,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { CLAIMS } from '#shared/auth';
import { ROLES, type Role } from '#shared/contract/roles';

/** The custom attribute behind the `custom:unitId` claim. */
export const UNIT_ID_ATTRIBUTE = CLAIMS.unitId.replace(/^custom:/, '');

const GROUP_DESCRIPTIONS: Record<Role, string> = {
  agency: 'Cơ quan báo cáo: nộp báo cáo của đơn vị mình / Reporting agency: files its own unit’s report',
  auditor:
    'Cán bộ thẩm định: xem mọi báo cáo và tài liệu kiểm chứng / Auditor: reads every report and its evidence',
  admin: 'Quản trị: quản lý đơn vị, kỳ báo cáo và người dùng / Administrator: units, periods and users',
};

/** Lower wins when a user is in several groups (Cognito puts that group's role first): admin, auditor, agency. */
const precedenceOf = (role: Role): number => ROLES.length - 1 - ROLES.indexOf(role);

export interface UserDirectoryProps {
  /** The site's origin (`https://...`): the only place the hosted UI sends users back to. */
  readonly siteOrigin: string;
  /** Globally unique prefix of the hosted UI domain (`<prefix>.auth.<region>.amazoncognito.com`). */
  readonly domainPrefix: string;
  /**
   * Path on the site that receives the authorization code.
   * @default '/'
   */
  readonly callbackPath?: string;
  /**
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * Who may sign in. Administrators create every account (no self sign-up); a user's role is the Cognito group
 * they are in and an agency user's unit is the `unitId` custom attribute, which only administrators can change.
 *
 * MFA is REQUIRED for every user, with TOTP apps only (no SMS). Cognito can only require MFA for a whole pool;
 * requiring it for auditors and admins alone would take a Lambda trigger that checks enrolment on every sign-in
 * and still could not make the hosted UI enrol a user who signed in without MFA. Agency users file official
 * figures, so MFA for them too is a sound default and removes a per-group gap. The hosted UI walks each user
 * through TOTP enrolment at first sign-in.
 */
export class UserDirectory extends Construct {
  /** What the site asks for at sign-in (its /config.json says so too). */
  static readonly WEB_SCOPES: readonly OAuthScope[] = [
    OAuthScope.OPENID,
    OAuthScope.EMAIL,
    OAuthScope.PROFILE,
  ];
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        [UNIT_ID_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: compromised-credential checks and adaptive authentication, enforced rather than audit-only.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      userInvitation: {
        emailSubject: 'Tài khoản Báo cáo CNTT / Your IT report account',
        emailBody:
          'Tên đăng nhập / Username: {username}<br>Mật khẩu tạm / Temporary password: {####}<br>' +
          'Đổi mật khẩu và cài ứng dụng xác thực (TOTP) ở lần đăng nhập đầu. / Change the password and set up an authenticator app at first sign-in.',
      },
      userVerification: {
        emailStyle: VerificationEmailStyle.CODE,
        emailSubject: 'Mã xác minh Báo cáo CNTT / Verification code',
        emailBody: 'Mã xác minh / Verification code: {####}',
      },
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });

    for (const role of ROLES) {
      this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        description: GROUP_DESCRIPTIONS[role],
        precedence: precedenceOf(role),
      });
    }

    const redirect = `${props.siteOrigin}${props.callbackPath ?? '/'}`;
    this.webClient = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        // Authorization code only; the browser adds PKCE (Cognito accepts code_challenge from public clients).
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [...UserDirectory.WEB_SCOPES],
        callbackUrls: [redirect],
        logoutUrls: [redirect],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(UNIT_ID_ATTRIBUTE),
      // Users may edit their name; never their unit (that is an administrator's AdminUpdateUserAttributes).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });
  }

  /** `https://<prefix>.auth.<region>.amazoncognito.com`, where the browser signs in and exchanges its code. */
  get hostedUiUrl(): string {
    return this.domain.baseUrl();
  }

  /** The issuer the API's JWT authorizer trusts. */
  get issuerUrl(): string {
    return this.userPool.userPoolProviderUrl;
  }
}
