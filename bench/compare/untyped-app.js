// The one-call app with the untyped `@microsoft/microsoft-graph-client`.
import { Client } from '@microsoft/microsoft-graph-client';

const client = Client.init({ authProvider: (done) => done(null, 'token') });
console.log(await client.api('/users/a').get());
