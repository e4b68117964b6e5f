package io.github.pinning.benchmarks;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Runs a full TLS handshake between a client and a server {@link SSLEngine} through byte
 * buffers, with no socket: every record one engine wraps, the other unwraps.
 */
final class InMemoryHandshake {

	private static final int MAX_ROUNDS = 200;

	private InMemoryHandshake() {
	}

	/**
	 * Runs a full handshake of a new client engine against a new server engine, with HTTPS
	 * endpoint identification, on a client port of its own so that no session is resumed.
	 * @param clientContext the client's context
	 * @param serverContext the server's context
	 * @param protocol the one protocol both enable
	 * @param port the client's port for this handshake
	 * @throws SSLException if the handshake fails
	 */
	static void connect(SSLContext clientContext, SSLContext serverContext, String protocol, int port)
			throws SSLException {
		SSLEngine client = clientContext.createSSLEngine(BenchmarkPki.HOST, port);
		client.setUseClientMode(true);
		SSLParameters parameters = client.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		parameters.setProtocols(new String[] { protocol });
		client.setSSLParameters(parameters);
		SSLEngine server = serverContext.createSSLEngine();
		server.setUseClientMode(false);
		server.setEnabledProtocols(new String[] { protocol });
		run(client, server);
	}

	static void run(SSLEngine client, SSLEngine server) throws SSLException {
		int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
		int application = Math.max(client.getSession().getApplicationBufferSize(),
				server.getSession().getApplicationBufferSize());
		ByteBuffer clientToServer = ByteBuffer.allocate(packet * 4);
		ByteBuffer serverToClient = ByteBuffer.allocate(packet * 4);
		ByteBuffer clientIn = ByteBuffer.allocate(application * 2);
		ByteBuffer serverIn = ByteBuffer.allocate(application * 2);
		ByteBuffer empty = ByteBuffer.allocate(0);
		client.beginHandshake();
		server.beginHandshake();
		for (int round = 0; round < MAX_ROUNDS; round++) {
			client.wrap(empty, clientToServer);
			runTasks(client);
			server.wrap(empty, serverToClient);
			runTasks(server);
			clientToServer.flip();
			serverToClient.flip();
			client.unwrap(serverToClient, clientIn);
			runTasks(client);
			server.unwrap(clientToServer, serverIn);
			runTasks(server);
			clientToServer.compact();
			serverToClient.compact();
			if (done(client) && done(server) && clientToServer.position() == 0 && serverToClient.position() == 0) {
				return;
			}
		}
		throw new SSLException("The handshake did not finish in " + MAX_ROUNDS + " rounds");
	}

	private static boolean done(SSLEngine engine) {
		HandshakeStatus status = engine.getHandshakeStatus();
		return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
	}

	private static void runTasks(SSLEngine engine) {
		Runnable task;
		while ((task = engine.getDelegatedTask()) != null) {
			task.run();
		}
	}

}
