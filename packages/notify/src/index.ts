export {
  londonDateOf,
  renderCalendarInvite,
  type TCalendarInviteInput,
} from './calendar-invite.ts';
export {
  formatLondon,
  noticeKindOf,
  renderClockNotice,
  type TClockNoticeInput,
  type TNoticeKind,
  type TRenderedMail,
} from './clock-notice.ts';
export { renderDailyDigest, type TDailyDigestInput, type TDigestItem } from './daily-digest.ts';
export { formatLondonDay, formatLondonLongDay } from './london-time.ts';
export { escapeHtml, renderMailHtml } from './mail-html.ts';
export { createMailer, type TMailer, type TOutgoingMail } from './mailer.ts';
export { renderRecipientAlert, type TRecipientAlertInput } from './recipient-alert.ts';
export {
  isWholeLondonDay,
  renderScheduledInvite,
  type TScheduledInviteInput,
} from './scheduled-invite.ts';
