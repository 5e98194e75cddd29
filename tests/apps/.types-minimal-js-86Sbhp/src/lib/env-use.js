// Server code: the environment, typed by @types/node; what the browser may see, typed by vite/client.
export const databaseUrl = process.env.DATABASE_URL;
export const port = Number(process.env.PORT ?? 3000);
export const greeting = import.meta.env.VITE_GREETING;
export const mode = import.meta.env.MODE;
export const dev = import.meta.env.DEV;
