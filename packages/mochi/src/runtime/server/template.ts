export const DEFAULT_TEMPLATE = `<!doctype html>
<html lang="en">
	<head>
		<meta charset="utf-8" />
		<meta name="viewport" content="width=device-width, initial-scale=1" />
		%mochi.head%
	</head>
	<body>
		%mochi.body%
	</body>
</html>
`;

/** Split once at start-up so each page is a concatenation, not a search-and-replace. */
export function compileTemplate(template: string): (head: string, body: string) => string {
	const headAt = template.indexOf('%mochi.head%');
	const bodyAt = template.indexOf('%mochi.body%');
	if (headAt === -1 || bodyAt === -1 || bodyAt < headAt) {
		throw new Error('src/app.html must contain %mochi.head% and then %mochi.body%.');
	}
	const a = template.slice(0, headAt);
	const b = template.slice(headAt + '%mochi.head%'.length, bodyAt);
	const c = template.slice(bodyAt + '%mochi.body%'.length);
	return (head, body) => a + head + b + body + c;
}

/** What the template has after `%mochi.body%`: a streaming page sends it once its last island is in (stream-page.ts). */
export function templateTail(template: string): string {
	return template.slice(template.indexOf('%mochi.body%') + '%mochi.body%'.length);
}
