import { openDatabase } from './src/index.ts';
const db = await openDatabase({ pgliteDir: 'memory://' });
await db.migrate();
const t = performance.now();
try {
  await db.prisma.$transaction(async (tx) => {
    await tx.person.count();
    return db.prisma.person.count(); // outer client inside the transaction
  });
  console.log('ok');
} catch (e) {
  console.log('error after', Math.round(performance.now() - t), 'ms:', (e as Error).message.split('\n').slice(-3).join(' | '), (e as {code?: string}).code);
}
// and: is the db still usable?
console.log('ping', await db.ping());
// long transaction + concurrent one: maxWait
const t2 = performance.now();
const r = await Promise.allSettled([
  db.prisma.$transaction(async (tx) => { await tx.person.count(); await new Promise(r => setTimeout(r, 3000)); }),
  db.prisma.$transaction(async (tx) => tx.person.count()),
]);
console.log(Math.round(performance.now() - t2), r.map(x => x.status === 'rejected' ? (x.reason as {code?:string}).code : 'ok'));
await db.close();
