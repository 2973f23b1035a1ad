import nock from 'nock';

// No test reaches the network: the Twilio REST API is intercepted with nock, and anything
// that is not loopback fails loudly instead of timing out.
nock.disableNetConnect();
nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost') || host.startsWith('[::1]'));
