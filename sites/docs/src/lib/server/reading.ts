// The reader's place in the guide: one cookie holding the slug of the last guide page read to its end.
// Written by the ReadMark island, read by LastRead on the home page. Its value comes back from the browser,
// so it is only ever used to look a page up: anything that is not a guide page's slug counts as no cookie.
import type { Cookies } from 'mochi-framework';
import { findPage, type DocPage } from './content.js';

export const READ_COOKIE = 'mochi-docs-read';

export function lastRead(cookies: Cookies): DocPage | undefined {
	const page = findPage(cookies.get(READ_COOKIE) ?? '');
	return page?.section === 'guide' ? page : undefined;
}

/** Records a guide page as read, and returns it; a slug that is not one records nothing. */
export function markRead(cookies: Cookies, slug: string): DocPage | undefined {
	const page = findPage(slug);
	if (page?.section !== 'guide') return undefined;
	cookies.set(READ_COOKIE, page.slug, { maxAge: 60 * 60 * 24 * 365 });
	return page;
}
