// The test page: four eager islands (fast, slow, failing, unreachable) and two load="visible" ones far below.
// Head scripts record every island event with a snapshot of the slow island at that moment.
export function islandPage(runtimeSrc: string): string {
	return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<script>
	document.cookie = 'session=abc; path=/';
	window.__events = [];
	for (const type of ['mochi:island-load', 'mochi:island-error']) {
		document.addEventListener(type, (event) => {
			const slow = document.querySelector('mochi-island[name=Slow]');
			const slowFallback = slow.querySelector('.fallback');
			window.__events.push({
				type,
				name: event.target.getAttribute('name'),
				state: event.target.getAttribute('state'),
				detail: event.detail ?? null,
				slowText: slow.textContent,
				slowFallbackVisible: slowFallback ? slowFallback.checkVisibility() : false
			});
		});
	}
</script>
<script type="module" src="${runtimeSrc}"></script>
</head>
<body>
<mochi-island name="Fast" signed-props="tok-fast"><span class="fallback">Loading fast…</span></mochi-island>
<mochi-island name="Slow" signed-props="tok-slow"><span class="fallback">Loading slow…</span></mochi-island>
<mochi-island name="Broken" signed-props="tok-broken"><span class="fallback">Broken fallback</span></mochi-island>
<mochi-island name="Gone" signed-props="tok-gone"><span class="fallback">Gone fallback</span></mochi-island>
<div style="height: 3000px">spacer</div>
<mochi-island name="Below" signed-props="tok-below" load="visible"><div class="fallback">Below fallback</div></mochi-island>
<div style="height: 3000px">spacer</div>
<mochi-island name="BelowText" signed-props="tok-text" load="visible">text-only fallback</mochi-island>
<script>
	// Runs while the page parses, before the deferred runtime module: the state a visitor sees first.
	window.__initial = [...document.querySelectorAll('mochi-island')].map((element) => ({
		name: element.getAttribute('name'),
		text: element.textContent.trim(),
		visible: element.firstElementChild ? element.firstElementChild.checkVisibility() : true
	}));
</script>
</body>
</html>`;
}
