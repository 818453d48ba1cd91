/** Vite (and so vitest) imports a file's text with `?raw`: tests read the README without I/O imports. */
declare module '*?raw' {
  const text: string;
  export default text;
}
