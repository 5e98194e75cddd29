export const GET = () => new Response('feed', { headers: { 'content-type': 'text/plain' } });
