/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.processredisevents.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback between clients and Redis that can close every connection,
 * black-hole traffic (keep the sockets open, forward nothing: a peer that vanished
 * without a reset), add latency and make replies unreadable.
 */
public final class FaultProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String targetHost;

	private final int targetPort;

	private final Set<Link> links = ConcurrentHashMap.newKeySet();

	private final Thread acceptor;

	private volatile boolean blackHole;

	private volatile long latencyMillis;

	private volatile boolean unreadableIntegers;

	private volatile boolean closed;

	private FaultProxy(String targetHost, int targetPort) throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.acceptor = new Thread(this::accept, "fault-proxy-" + this.server.getLocalPort());
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	/**
	 * Start a proxy to {@code targetHost:targetPort}.
	 * @param targetHost the Redis host (loopback)
	 * @param targetPort the Redis port
	 * @return the proxy
	 */
	public static FaultProxy start(String targetHost, int targetPort) {
		try {
			return new FaultProxy(targetHost, targetPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The port clients connect to.
	 * @return the port
	 */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * How many client connections are open.
	 * @return the count
	 */
	public int connections() {
		return this.links.size();
	}

	/**
	 * Close every connection now (both sides see a reset or end of stream).
	 */
	public void closeAll() {
		for (Link link : this.links) {
			link.close();
		}
	}

	/**
	 * Start black-holing: every open connection, and every connection opened until
	 * {@link #restore()}, stays open but forwards nothing, for good.
	 */
	public void blackHole() {
		this.blackHole = true;
		for (Link link : this.links) {
			link.dead = true;
		}
	}

	/**
	 * Stop black-holing: new connections forward again (the black-holed ones stay dead,
	 * as after a peer that vanished).
	 */
	public void restore() {
		this.blackHole = false;
	}

	/**
	 * Delay every chunk forwarded in either direction.
	 * @param latency the delay, zero for none
	 */
	public void latency(Duration latency) {
		this.latencyMillis = latency.toMillis();
	}

	/**
	 * Make integer replies unreadable while on: a reply that starts what Redis sends back
	 * (such as the {@code XACK} that opens a pipeline) comes as a simple string with the
	 * same digits, well framed but of the wrong type, so reading its response throws a
	 * {@code ClassCastException} rather than a {@code JedisException}.
	 * @param unreadable whether to garble them
	 */
	public void unreadableIntegerReplies(boolean unreadable) {
		this.unreadableIntegers = unreadable;
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		closeAll();
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				Link link = new Link(client);
				this.links.add(link);
				link.start();
			}
			catch (IOException ex) {
				if (!this.closed) {
					sleep(10);
				}
			}
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * One client connection and its upstream connection, with a pump each way.
	 */
	private final class Link {

		private final Socket client;

		private volatile Socket upstream;

		private volatile boolean dead = FaultProxy.this.blackHole;

		Link(Socket client) {
			this.client = client;
		}

		void start() {
			Thread starter = new Thread(this::connectAndPump, "fault-proxy-link");
			starter.setDaemon(true);
			starter.start();
		}

		private void connectAndPump() {
			if (this.dead) {
				// a black-holed connection never reaches Redis: swallow what the client
				// sends
				drain(this.client);
				return;
			}
			try {
				this.upstream = new Socket(FaultProxy.this.targetHost, FaultProxy.this.targetPort);
				this.upstream.setTcpNoDelay(true);
				this.client.setTcpNoDelay(true);
			}
			catch (IOException ex) {
				close();
				return;
			}
			Thread back = new Thread(() -> pump(this.upstream, this.client, true), "fault-proxy-down");
			back.setDaemon(true);
			back.start();
			pump(this.client, this.upstream, false);
		}

		private void pump(Socket from, Socket to, boolean replies) {
			byte[] buffer = new byte[16 * 1024];
			try {
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				int read;
				while ((read = in.read(buffer)) >= 0) {
					if (this.dead) {
						continue;
					}
					long latency = FaultProxy.this.latencyMillis;
					if (latency > 0) {
						sleep(latency);
					}
					if (replies && FaultProxy.this.unreadableIntegers && buffer[0] == ':') {
						buffer[0] = '+';
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// the link is over
			}
			if (!this.dead) {
				close();
			}
		}

		private void drain(Socket socket) {
			byte[] buffer = new byte[16 * 1024];
			try {
				InputStream in = socket.getInputStream();
				while (in.read(buffer) >= 0) {
					// forward nothing
				}
			}
			catch (IOException ex) {
				// the link is over
			}
			close();
		}

		void close() {
			FaultProxy.this.links.remove(this);
			closeQuietly(this.client);
			closeQuietly(this.upstream);
		}

		private void closeQuietly(Socket socket) {
			if (socket != null) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// already closed
				}
			}
		}

	}

}
