export { bundleService, SERVICES, serviceBuild, type TService } from './bundle-service.ts';
