import { mount } from 'svelte';
// maplibre's stylesheet first, so the app's overrides in app.css win on equal specificity.
import 'maplibre-gl/dist/maplibre-gl.css';
import './app.css';
import App from './App.svelte';
import { registerServiceWorker } from './field/service-worker';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');

registerServiceWorker();

export default mount(App, { target });
