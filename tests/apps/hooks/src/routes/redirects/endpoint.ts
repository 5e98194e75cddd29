import { redirect, type RequestContext } from 'mochi-framework';

// A sign-in endpoint's shape: set a cookie, then send the visitor on.
export function GET(ctx: RequestContext) {
	ctx.cookies.set('signed-in', 'yes');
	redirect(302, '/about');
}

export function POST(ctx: RequestContext) {
	const to = ctx.url.searchParams.get('to') ?? '/about';
	redirect(303, to);
}
