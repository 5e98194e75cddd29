// The blog's content. entries() lists the first three; "crawled" is reached only through a link from
// "hello", and "deep" only through a link from "crawled": the build must follow both.
export interface Post {
	slug: string;
	title: string;
	next?: string;
}

export const posts: Post[] = [
	{ slug: 'hello', title: 'Hello', next: 'crawled' },
	{ slug: 'hello world', title: 'Hello, world' },
	{ slug: 'café', title: 'Café' },
	{ slug: 'crawled', title: 'Found by a link', next: 'deep' },
	{ slug: 'deep', title: 'Two links away' }
];

export const listed = ['hello', 'hello world', 'café'];
