import nodemailer from 'nodemailer';

export interface TOutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** An iCalendar attachment (`invite.ics`). */
  ics?: string;
  /** The Date header: the engine's clock (virtual in tests and demos), not the host's. */
  date?: Date;
  /** Deterministic per effect, so a receiver can drop a rare duplicate delivery. */
  messageId: string;
}

export interface TMailer {
  send(mail: TOutgoingMail): Promise<{ accepted: string[] }>;
  verify(): Promise<boolean>;
  close(): void;
}

export function createMailer(smtpUrl: string, from: string): TMailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send({ ics, html, date, ...mail }) {
      const info = await transport.sendMail({
        from,
        ...mail,
        ...(html ? { html } : {}),
        ...(date ? { date } : {}),
        ...(ics
          ? {
              attachments: [
                {
                  filename: 'invite.ics',
                  content: ics,
                  contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
                },
              ],
            }
          : {}),
      });
      return { accepted: info.accepted.map(String) };
    },
    async verify() {
      return transport.verify().then(
        () => true,
        () => false,
      );
    },
    close() {
      transport.close();
    },
  };
}
