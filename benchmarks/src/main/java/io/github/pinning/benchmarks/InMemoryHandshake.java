package io.github.pinning.benchmarks;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Runs a full TLS handshake between a client and a server {@link SSLEngine} through byte
 * buffers, with no socket: every record one engine wraps, the other unwraps.
 */
final class InMemoryHandshake {

	private static final int MAX_ROUNDS = 200;

	private InMemoryHandshake() {
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
