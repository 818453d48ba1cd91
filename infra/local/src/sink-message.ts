import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';

/** One mail as the sink received it; plain JSON so it can be stored and reloaded as is. */
export interface SinkMessage {
  id: string;
  /** The Message-ID header ('' when the sender set none). */
  messageId: string;
  /** Address from the From header, else the envelope sender. */
  from: string;
  /** Envelope recipients: every address the mail was delivered to, Bcc included. */
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Attachments (e.g. a calendar invite), their content as UTF-8 text. */
  attachments?: { filename: string; contentType: string; content: string }[];
  /** Date header (ISO 8601), else the receive time. */
  date: string;
  /** When the sink accepted the mail (ISO 8601). */
  receivedAt: string;
}

export interface SinkEnvelope {
  mailFrom: string | undefined;
  rcptTo: string[];
}

export const toSinkMessage = (parsed: ParsedMail, envelope: SinkEnvelope): SinkMessage => {
  const receivedAt = new Date().toISOString();
  const message: SinkMessage = {
    id: randomUUID(),
    messageId: parsed.messageId ?? '',
    from: parsed.from?.value[0]?.address ?? envelope.mailFrom ?? '',
    to: envelope.rcptTo,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    date: parsed.date?.toISOString() ?? receivedAt,
    receivedAt,
  };
  if (typeof parsed.html === 'string') message.html = parsed.html;
  if (parsed.attachments.length > 0) {
    message.attachments = parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? '',
      contentType: attachment.contentType,
      content: attachment.content.toString('utf8'),
    }));
  }
  return message;
};
