import { describe, expect, it } from 'vitest';
import { CLAIMS } from '#shared/auth';
import { ROLES } from '#shared/contract/roles';
import { logicalIdOf, onlyResourceOf, resourcesOf, synthStack } from './synth.ts';

const { stack, template } = synthStack('dev');
const pool = onlyResourceOf(template, 'AWS::Cognito::UserPool')[1].Properties as Record<string, unknown>;
const client = onlyResourceOf(template, 'AWS::Cognito::UserPoolClient')[1].Properties as Record<
  string,
  unknown
>;
const siteOrigin = {
  'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalIdOf(stack.site.distribution), 'DomainName'] }, '/']],
};

describe('Cognito: who may sign in', () => {
  it('lets only administrators create accounts (no self sign-up)', () => {
    expect(pool.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
  });

  it('has one group per role of the route table, admin first in precedence', () => {
    const groups = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties as { GroupName: string; Precedence: number },
    );
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...ROLES].sort());
    const byPrecedence = [...groups].sort((a, b) => a.Precedence - b.Precedence).map((g) => g.GroupName);
    expect(byPrecedence).toEqual(['admin', 'auditor', 'agency']);
  });

  it('has the custom attribute behind the custom:unitId claim', () => {
    const name = CLAIMS.unitId.replace(/^custom:/, '');
    expect(pool.Schema).toContainEqual(expect.objectContaining({ Name: name, AttributeDataType: 'String' }));
  });

  it('requires long passwords with all four character classes', () => {
    expect(pool.Policies).toMatchObject({
      PasswordPolicy: {
        MinimumLength: 12,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
      },
    });
  });

  it('requires MFA for every user, with authenticator apps (TOTP) only', () => {
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('is on the Plus plan with threat protection enforced', () => {
    expect(pool.UserPoolTier).toBe('PLUS');
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });

  it('gives the web a public client: authorization code only (PKCE in the browser), no secret', () => {
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
  });

  it('sends users back only to the site', () => {
    expect(client.CallbackURLs).toEqual([siteOrigin]);
    expect(client.LogoutURLs).toEqual([siteOrigin]);
  });

  it('puts the unit in the ID token but never lets users change it themselves', () => {
    expect(client.ReadAttributes).toContain(CLAIMS.unitId);
    expect(client.WriteAttributes).not.toContain(CLAIMS.unitId);
  });

  it('has a hosted UI domain', () => {
    expect(onlyResourceOf(template, 'AWS::Cognito::UserPoolDomain')[1].Properties).toMatchObject({
      UserPoolId: { Ref: logicalIdOf(stack.users.userPool) },
    });
  });
});
