const posts: Record<string, { title: string }> = {
	'hello-world': { title: 'Hello, world' },
	'second-post': { title: 'The second post' }
};

export function findPost(slug: string): { title: string } | undefined {
	return Object.hasOwn(posts, slug) ? posts[slug] : undefined;
}
