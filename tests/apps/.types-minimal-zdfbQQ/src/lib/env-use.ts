// Server code: the environment, typed by @types/node; what the browser may see, typed by vite/client.
export const databaseUrl: string | undefined = process.env.DATABASE_URL;
export const port: number = Number(process.env.PORT ?? 3000);
export const greeting: string | undefined = import.meta.env.VITE_GREETING;
export const mode: string = import.meta.env.MODE;
export const dev: boolean = import.meta.env.DEV;
