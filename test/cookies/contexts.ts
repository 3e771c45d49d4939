export { recordingContext } from '../helpers/context.js';
