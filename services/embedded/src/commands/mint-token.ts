import { keyFiles } from '@ppda/api';
import { createLocalIssuer } from '@ppda/auth';
import { loadConfig } from '@ppda/config';
import { cliArgs } from './open-configured-database.ts';

/**
 * `pnpm -s token <personId>`: print a demo bearer token signed by the embedded local issuer
 * (its key under DATA_DIR). Works while `npm start` runs; the API checks the person exists.
 */
const [personId] = cliArgs();
const config = loadConfig();
if (!personId) {
  console.error('usage: pnpm -s token <personId>');
  process.exit(2);
}
if (config.OIDC_ISSUER) {
  console.error('OIDC_ISSUER is set: tokens come from that issuer, not the local demo one');
  process.exit(2);
}
const issuer = await createLocalIssuer({
  audience: config.OIDC_AUDIENCE,
  keyFile: keyFiles(config.DATA_DIR).localIssuer,
});
console.log((await issuer.mint(personId)).token);
