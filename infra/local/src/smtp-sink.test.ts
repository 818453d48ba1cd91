import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalInfraError } from './local-infra-error.ts';
import { type SmtpSink, startSmtpSink } from './smtp-sink.ts';

const send = (sink: SmtpSink, subject: string) =>
  createTransport({ url: sink.url }).sendMail({
    from: 'Case Desk <desk@police.example>',
    to: 'officer@police.example',
    bcc: 'audit@police.example',
    subject,
    text: `body of ${subject}`,
    html: `<p>body of ${subject}</p>`,
  });

describe('startSmtpSink', () => {
  let storeDir: string;
  let sink: SmtpSink;

  beforeAll(async () => {
    storeDir = await mkdtemp(join(tmpdir(), 'ppda-smtp-'));
    sink = await startSmtpSink({ storeDir });
  });
  afterAll(async () => {
    await sink.close();
    await rm(storeDir, { recursive: true, force: true });
  });

  it('receives and parses a mail sent by nodemailer', async () => {
    const info = await send(sink, 'Case 1 opened');
    const [message] = sink.messages();
    expect(message).toMatchObject({
      messageId: info.messageId,
      from: 'desk@police.example',
      to: ['officer@police.example', 'audit@police.example'],
      subject: 'Case 1 opened',
      text: 'body of Case 1 opened',
      html: '<p>body of Case 1 opened</p>',
    });
  });

  it('waits for messages that match, and times out when they do not come', async () => {
    const waiting = sink.waitForMessages({
      count: 2,
      match: (m) => m.subject.startsWith('Reminder'),
    });
    await send(sink, 'Reminder 1');
    await send(sink, 'Unrelated');
    await send(sink, 'Reminder 2');
    expect((await waiting).map((m) => m.subject)).toEqual(['Reminder 1', 'Reminder 2']);

    const late = await sink
      .waitForMessages({ match: (m) => m.subject === 'never', timeoutMs: 50 })
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(LocalInfraError);
    expect((late as LocalInfraError).code).toBe('WAIT_TIMEOUT');
  });

  it('reloads stored messages after a restart, and clear() deletes them', async () => {
    const before = sink.messages();
    expect(await readdir(storeDir)).toHaveLength(before.length);
    await sink.close();

    sink = await startSmtpSink({ storeDir });
    expect(sink.messages()).toEqual(before);
    const seen: string[] = [];
    const unsubscribe = sink.onMessage((m) => seen.push(m.subject));
    await send(sink, 'After restart');
    unsubscribe();
    expect(seen).toEqual(['After restart']);

    sink.clear();
    expect(sink.messages()).toEqual([]);
    expect(await readdir(storeDir)).toEqual([]);
  });
});
