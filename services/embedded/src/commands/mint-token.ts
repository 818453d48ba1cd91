import { existsSync } from 'node:fs';
import { keyFiles } from '@ppda/api';
import { createLocalIssuer } from '@ppda/auth';
import { loadConfig } from '@ppda/config';
import { runningEngine } from '../engine-lock.ts';
import { CliRefusal, cliArgs, openConfiguredDatabase, runCli } from './open-configured-database.ts';

/**
 * `pnpm -s token <personId>`: print a demo bearer token signed by the embedded local issuer
 * (its key under DATA_DIR). Refuses (exit 1, one line) rather than mint a token the engine
 * would refuse: no issuer key under DATA_DIR, or nobody of that id in the directory (asked of
 * the running engine when `npm start` holds the database, else of the database).
 */
await runCli(async () => {
  const [personId] = cliArgs();
  const config = loadConfig();
  if (!personId) {
    console.error('usage: pnpm -s token <personId>');
    return 2;
  }
  if (config.OIDC_ISSUER) {
    throw new CliRefusal(
      'OIDC_ISSUER is set: tokens come from that issuer, not the local demo one',
    );
  }
  const keyFile = keyFiles(config.DATA_DIR).localIssuer;
  if (!existsSync(keyFile)) {
    throw new CliRefusal(
      `no local issuer key at ${keyFile}: set DATA_DIR to the engine's (start it once with npm start)`,
    );
  }
  const issuer = await createLocalIssuer({ audience: config.OIDC_AUDIENCE, keyFile });
  const { token } = await issuer.mint(personId);
  const running = await runningEngine(config.DATA_DIR);
  const known = running
    ? (await fetch(`${running.address}/me`, { headers: { authorization: `Bearer ${token}` } })).ok
    : await inDirectory(config, personId);
  if (!known) throw new CliRefusal(`no person ${personId} in the directory`);
  console.log(token);
  return 0;
});

async function inDirectory(config: ReturnType<typeof loadConfig>, personId: string) {
  const db = await openConfiguredDatabase(config, { existing: true });
  try {
    return (await db.prisma.person.count({ where: { id: personId } })) > 0;
  } finally {
    await db.close();
  }
}
