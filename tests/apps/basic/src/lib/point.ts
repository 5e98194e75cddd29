/** A class instance: devalue refuses it as an island prop. */
export class Point {
	constructor(
		readonly x: number,
		readonly y: number
	) {}
}
