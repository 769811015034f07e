// Render functions (h), so no Vue plugin and no template compiler are needed for this example.
export default { build: { target: 'es2022' } };
