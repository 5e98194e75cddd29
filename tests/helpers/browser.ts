// One way to start Chromium for every browser test. Set CHROMIUM_PATH to use another binary.
import { chromium, type Browser } from 'playwright-core';

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run'
		]
	});
}
