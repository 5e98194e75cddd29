export interface Product {
	slug: string;
	name: string;
	price: number;
	blurb: string;
}

export const products: Product[] = [
	{ slug: 'mochi-set', name: 'Daifuku mochi set', price: 18, blurb: 'Twelve soft rice cakes filled with sweet red bean, made the morning they ship.' },
	{ slug: 'matcha', name: 'Ceremonial matcha', price: 32, blurb: 'Stone-ground first-harvest tea from Uji, for whisking or for baking.' },
	{ slug: 'kinako', name: 'Kinako dusting flour', price: 9, blurb: 'Roasted soybean flour: nutty, warm, and the classic partner of warabi mochi.' },
	{ slug: 'yuzu-jam', name: 'Yuzu marmalade', price: 12, blurb: 'Bright, bitter-sweet citrus from Kochi, lovely spooned over yogurt.' }
];

export function findProduct(slug: string): Product | undefined {
	return products.find((product) => product.slug === slug);
}
