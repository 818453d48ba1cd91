export { formatLondon, renderClockNotice, type TClockNoticeInput } from './clock-notice.ts';
export { createMailer, type TMailer, type TOutgoingMail } from './mailer.ts';
export { renderRecipientAlert, type TRecipientAlertInput } from './recipient-alert.ts';
