import type { RequestContext } from 'mochi-framework';
import { USER_COOKIE } from '$lib/visitor.js';
import { back } from './sign-in.js';

export function POST({ request, cookies }: RequestContext): Response {
	cookies.delete(USER_COOKIE);
	return back(request);
}
