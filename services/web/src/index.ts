export { buildWeb, type TWebApp, type TWebDeps } from './app.ts';
export { decisionFields, parseDecisionForm, type TField } from './decision-form.ts';
export { webPart } from './part.ts';
export { RedisSessionStore } from './session-store.ts';
export type { TSignIn } from './sign-in.ts';
export { signInFromConfig } from './web-config.ts';
