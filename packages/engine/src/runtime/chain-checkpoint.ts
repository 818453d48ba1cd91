import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Prisma, type PrismaClient } from '@ppda/db';
import { mailOutsideCases } from '../mail/mail-outside-cases.ts';
import { GENESIS_HASH, hashEvent, hashedFieldsOf } from '../write/hash-chain.ts';
import type { TEngineDeps } from './deps.ts';
import { logOpsAction } from './ops-log.ts';

/**
 * Signed checkpoints (design.md, principle 9). The hash chain shows an edit to one event, but
 * whoever can write the database can re-hash a whole chain, or cut its newest events and move
 * the case row's head back. A checkpoint, signed with an Ed25519 key the database never holds
 * and written outside it, fixes every case's head at one moment: later, each chain must still
 * pass through exactly that head, so no event recorded before it can be changed, removed or
 * re-hashed without the checkpoint saying so.
 */
interface TCheckpointHead {
  caseId: string;
  seq: number;
  hash: string;
}

export interface TCheckpoint {
  version: 1;
  /** Engine (business) time when it was taken. */
  at: string;
  /** Wall time when it was taken (the events' `recordedAt` is wall time too). */
  takenAt: string;
  /** Every case's head, by case id. */
  heads: TCheckpointHead[];
  /** The Merkle root over `heads` (leaf: case id, seq, head hash). */
  root: string;
  /** SHA-256 of the signing key's public part (SPKI DER), hex. */
  keyId: string;
  /** The public key (SPKI PEM), for reading; verification trusts only the configured key. */
  publicKey: string;
  /** Ed25519 over `signedText(...)`, base64. */
  signature: string;
}

export interface TCheckpointSigner {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
}

interface TCheckpointSettings {
  /** Where checkpoints are written: outside the database (CHECKPOINT_DIR). */
  dir: string;
  signer: TCheckpointSigner;
}

/** Where checkpoints go and the key that signs them (CHECKPOINT_DIR, CHECKPOINT_KEY_FILE). */
export interface TCheckpointConfig {
  dir: string;
  keyFile: string;
}

/** `writeCheckpoint` on config: the key is read (or made) on first use, by the worker only. */
export function checkpointWriter(deps: TEngineDeps) {
  let signer: Promise<TCheckpointSigner> | undefined;
  return async () => {
    const config = deps.checkpoint;
    if (!config) return null;
    signer ??= loadOrCreateCheckpointSigner(config.keyFile).catch((error: unknown) => {
      signer = undefined;
      throw error;
    });
    return writeCheckpoint(deps, { dir: config.dir, signer: await signer });
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The Merkle root of the heads: domain-separated leaves and nodes, an odd one carried up. */
export function merkleRoot(heads: readonly TCheckpointHead[]): string {
  let level = heads.map((head) => sha256(`leaf\n${head.caseId}\n${head.seq}\n${head.hash}`));
  if (level.length === 0) return sha256('empty');
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const right = level[i + 1];
      next.push(right === undefined ? level[i]! : sha256(`node\n${level[i]}\n${right}`));
    }
    level = next;
  }
  return level[0]!;
}

const signedText = (
  checkpoint: Pick<TCheckpoint, 'version' | 'at' | 'takenAt' | 'root'> & {
    count: number;
  },
) =>
  `ppda-checkpoint-v${checkpoint.version}\n${checkpoint.at}\n${checkpoint.takenAt}\n${checkpoint.count}\n${checkpoint.root}`;

export function signerFromPrivateKey(pem: string): TCheckpointSigner {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('the checkpoint signing key must be an Ed25519 private key (PKCS#8 PEM)');
  }
  const publicKey = createPublicKey(privateKey);
  const keyId = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
  return { privateKey, publicKey, keyId };
}

/** The signing key in `keyFile` (PKCS#8 PEM), generated once when missing (mode 0600). */
export async function loadOrCreateCheckpointSigner(keyFile: string): Promise<TCheckpointSigner> {
  const existing = await readFile(keyFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (existing) return signerFromPrivateKey(existing);
  await mkdir(dirname(keyFile), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await writeFile(keyFile, pem, { mode: 0o600, flag: 'wx' }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return signerFromPrivateKey(await readFile(keyFile, 'utf8'));
}

/** Read every case head, sign their root and write the checkpoint file; logged as ops. */
async function writeCheckpoint(
  deps: TEngineDeps,
  settings: TCheckpointSettings,
): Promise<{ file: string; checkpoint: TCheckpoint }> {
  const heads = await deps.sql.query<TCheckpointHead>(
    Prisma.sql`SELECT id::text AS "caseId", "headSeq" AS seq, "headHash" AS hash FROM "Case"
      ORDER BY id`,
  );
  const at = deps.clock.now().toISOString();
  const takenAt = new Date().toISOString();
  const root = merkleRoot(heads);
  const signature = sign(
    null,
    Buffer.from(signedText({ version: 1, at, takenAt, root, count: heads.length })),
    settings.signer.privateKey,
  ).toString('base64');
  const checkpoint: TCheckpoint = {
    version: 1,
    at,
    takenAt,
    heads: heads.map(({ caseId, seq, hash }) => ({ caseId, seq: Number(seq), hash })),
    root,
    keyId: settings.signer.keyId,
    publicKey: settings.signer.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    signature,
  };
  await mkdir(settings.dir, { recursive: true });
  const file = join(settings.dir, `checkpoint-${takenAt.replaceAll(':', '-')}.json`);
  // Written whole or not at all: a half-written checkpoint must never be read as one.
  await writeFile(`${file}.tmp`, `${JSON.stringify(checkpoint, null, 2)}\n`, { flag: 'w' });
  await rename(`${file}.tmp`, file);
  await logOpsAction(deps, {
    personId: 'system',
    action: 'chain.checkpoint',
    target: file,
    outcome: 'signed',
    detail: { root, cases: heads.length, keyId: settings.signer.keyId },
  });
  await mailToOversight(deps, checkpoint);
  return { file, checkpoint };
}

/**
 * A second copy outside the database and outside the engine's machines: the signed root
 * mailed to oversight (the `oversight` and `auditor` roles). Someone able to rewrite the
 * database, the checkpoint directory and even re-sign with the key still cannot reach the
 * mailboxes that hold the roots already sent.
 */
async function mailToOversight(deps: TEngineDeps, checkpoint: TCheckpoint): Promise<void> {
  const people = await deps.sql.query<{ id: string; email: string }>(Prisma.sql`SELECT id, email
    FROM "Person" WHERE roles && ARRAY['oversight', 'auditor']::text[] AND "leftAt" IS NULL
    ORDER BY id`);
  const count = checkpoint.heads.length;
  await mailOutsideCases(deps, {
    key: `checkpoint.${checkpoint.root.slice(0, 32)}`,
    kind: 'chain-checkpoint',
    people,
    subject: `PPDA case records checkpoint ${checkpoint.takenAt}: ${count} case(s)`,
    body: [
      `A signed checkpoint of every case record's hash chain was taken at ${checkpoint.takenAt}.`,
      'Keep this mail: it lets anyone later prove that no event recorded before it was changed,',
      'removed or re-hashed (pnpm verify --checkpoint FILE, with the file of the same root).',
      '',
      `Cases: ${count}`,
      `Merkle root: ${checkpoint.root}`,
      `Key id: ${checkpoint.keyId}`,
      `Signature (Ed25519): ${checkpoint.signature}`,
      '',
    ].join('\n'),
  });
}

export interface TCheckpointReport {
  /** The signature holds under the configured key and the root matches the heads. */
  signatureValid: boolean;
  cases: number;
  /** One line per case whose chain no longer passes through its checkpointed head. */
  problems: { caseId: string; message: string }[];
  intact: boolean;
}

/**
 * Prove that nothing recorded before the checkpoint has changed: its signature under the
 * configured public key, its root over its heads, and for each case a chain that, recomputed
 * from the genesis, reaches the checkpointed head at its seq (so an edited, removed or
 * re-hashed event before it shows).
 */
export async function verifyCheckpoint(
  prisma: PrismaClient,
  checkpoint: TCheckpoint,
  publicKey: KeyObject,
): Promise<TCheckpointReport> {
  const problems: TCheckpointReport['problems'] = [];
  const rootHolds = merkleRoot(checkpoint.heads) === checkpoint.root;
  const signatureValid =
    rootHolds &&
    verify(
      null,
      Buffer.from(signedText({ ...checkpoint, count: checkpoint.heads.length })),
      publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  if (!signatureValid) {
    return {
      signatureValid,
      cases: checkpoint.heads.length,
      problems: [
        {
          caseId: '-',
          message: rootHolds
            ? 'the checkpoint is not signed by the configured key'
            : 'the checkpoint heads do not match its signed root: the file was edited',
        },
      ],
      intact: false,
    };
  }
  for (const head of checkpoint.heads) {
    const message = await chainReaches(prisma, head);
    if (message) problems.push({ caseId: head.caseId, message });
  }
  return {
    signatureValid,
    cases: checkpoint.heads.length,
    problems,
    intact: problems.length === 0,
  };
}

async function chainReaches(prisma: PrismaClient, head: TCheckpointHead): Promise<string | null> {
  const events = await prisma.caseEvent.findMany({
    where: { caseId: head.caseId, seq: { lte: head.seq } },
    orderBy: { seq: 'asc' },
  });
  if (events.length !== head.seq) {
    return `${head.seq - events.length} of the ${head.seq} events checkpointed are gone`;
  }
  let prevHash = GENESIS_HASH;
  for (const event of events) {
    if (event.prevHash !== prevHash || hashEvent(prevHash, hashedFieldsOf(event)) !== event.hash) {
      return `event seq ${event.seq} (id ${event.id}) was changed after the checkpoint`;
    }
    prevHash = event.hash;
  }
  if (prevHash !== head.hash) {
    return `the chain no longer reaches the checkpointed head at seq ${head.seq}: it was re-hashed`;
  }
  return null;
}
