import nodemailer from 'nodemailer';

export interface TOutgoingMail {
  to: string;
  subject: string;
  text: string;
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
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
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
