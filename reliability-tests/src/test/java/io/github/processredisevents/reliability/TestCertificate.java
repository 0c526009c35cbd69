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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1, made with {@code openssl} for a TLS Redis, and
 * a socket factory that trusts only it.
 *
 * @param certificate the PEM certificate
 * @param key the PEM private key
 */
public record TestCertificate(Path certificate, Path key) {

	/**
	 * Make one in a temporary directory.
	 * @return the certificate
	 */
	public static TestCertificate create() {
		try {
			Path directory = Files.createTempDirectory("tls-");
			Path certificate = directory.resolve("redis.crt");
			Path key = directory.resolve("redis.key");
			Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
					"1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(),
					"-out", certificate.toString())
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("openssl.log").toFile())
				.start();
			if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
				throw new IllegalStateException(
						"openssl failed: " + Files.readString(directory.resolve("openssl.log")));
			}
			return new TestCertificate(certificate, key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A socket factory that trusts this certificate only.
	 * @return the factory
	 */
	public SSLSocketFactory socketFactory() {
		try (InputStream in = Files.newInputStream(this.certificate)) {
			Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			trustStore.setCertificateEntry("redis", cert);
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context.getSocketFactory();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
