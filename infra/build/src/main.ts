import { bundleService, SERVICES } from './bundle-service.ts';

// `pnpm build`: the production builds of the api and the worker (services/*/dist).
for (const service of SERVICES) {
  const main = await bundleService(service);
  process.stdout.write(`built ${service}: node ${main}\n`);
}
