// JSX with esbuild's automatic runtime: no React plugin needed for this example.
export default { esbuild: { jsx: 'automatic' }, build: { target: 'es2022' } };
