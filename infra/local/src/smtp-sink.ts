import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { LocalInfraError } from './local-infra-error.ts';
import { type SinkMessage, toSinkMessage } from './sink-message.ts';
import { createSinkStore } from './sink-store.ts';

export interface StartSmtpSinkOptions {
  /** Defaults to a free port. */
  port?: number;
  /** Also keep each message as a JSON file here; existing files are loaded at start. */
  storeDir?: string;
}

export interface WaitForMessagesOptions {
  /** How many matching messages to wait for; default 1. */
  count?: number;
  match?: (message: SinkMessage) => boolean;
  /** Default 5 s; then rejects with WAIT_TIMEOUT. */
  timeoutMs?: number;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:PORT, no auth, no TLS. */
  readonly url: string;
  readonly port: number;
  /** Every message received (and loaded from storeDir), oldest first. */
  messages(): SinkMessage[];
  /** Forgets all messages, and deletes their files in storeDir. */
  clear(): void;
  close(): Promise<void>;
  /** Calls `listener` for each new message; returns an unsubscribe function. */
  onMessage(listener: (message: SinkMessage) => void): () => void;
  /** Resolves with the first `count` matching messages, already received or yet to come. */
  waitForMessages(options?: WaitForMessagesOptions): Promise<SinkMessage[]>;
}

export const startSmtpSink = async (options: StartSmtpSinkOptions = {}): Promise<SmtpSink> => {
  const store = options.storeDir === undefined ? undefined : createSinkStore(options.storeDir);
  let messages: SinkMessage[] = store ? await store.load() : [];
  const listeners = new Set<(message: SinkMessage) => void>();

  const accept = (message: SinkMessage): void => {
    messages.push(message);
    for (const listener of listeners) {
      try {
        listener(message);
      } catch {
        // a failing test listener must not fail the SMTP transaction
      }
    }
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A reverse DNS lookup per connection only slows tests down.
    disableReverseLookup: true,
    // Idle pooled client connections would otherwise hold close() for the default 30 s.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const receive = async (): Promise<void> => {
        const parsed = await simpleParser(stream);
        const message = toSinkMessage(parsed, {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        });
        await store?.save(message);
        accept(message);
      };
      // Answer 250 only once stored: when sendMail resolves, messages() already has the mail.
      receive().then(
        () => callback(),
        (error: Error) => callback(error),
      );
    },
  });

  // A client that goes away mid-session (a killed worker) emits 'error' on the server; with
  // no listener that would take the whole process down.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  const onMessage = (listener: (message: SinkMessage) => void): (() => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages: () => [...messages],
    clear: () => {
      messages = [];
      store?.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    onMessage,
    waitForMessages: ({ count = 1, match = () => true, timeoutMs = 5000 } = {}) =>
      new Promise((resolve, reject) => {
        const found = messages.filter(match);
        if (found.length >= count) return resolve(found.slice(0, count));
        const timer = setTimeout(() => {
          unsubscribe();
          const message = `saw ${found.length} of ${count} matching messages within ${timeoutMs} ms`;
          reject(new LocalInfraError('WAIT_TIMEOUT', message));
        }, timeoutMs);
        const unsubscribe = onMessage((received) => {
          if (!match(received)) return;
          found.push(received);
          if (found.length < count) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(found.slice(0, count));
        });
      }),
  };
};
