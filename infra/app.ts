import { buildApp } from './buildApp.ts';

// `npm run synth` / `cdk deploy -c stage=prod`: cdk.json runs this file.
buildApp().app.synth();
