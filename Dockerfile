# syntax=docker/dockerfile:1
# One image for every role: abr ingest | transcoder | packager | origin (the Deployments' args).
# Build:  docker build -t abr:dev .      (linux/amd64: the FFmpeg natives are linux-x86_64)
# See deploy/k8s/README.md.

# Stage 1: the Maven wrapper builds the app module and copies its runtime classpath to
# app/target/lib (maven-dependency-plugin, as ./abr uses it). The format profile is off: it only
# rewrites sources.
FROM eclipse-temurin:21-jdk-noble AS build
# The wrapper downloads Maven as the .zip its checksum is for: it needs unzip and curl or wget.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends unzip curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -P '!format' -pl app -am package -DskipTests \
 && mkdir -p /out/lib /out/bin \
 && cp app/target/abr-app.jar app/target/lib/*.jar /out/lib/ \
 && cp deploy/docker/abr /out/bin/abr \
 && chmod 0755 /out/bin/abr

# Stage 2: a JRE on Ubuntu 24.04 with the shared libraries FFmpeg's bundled libraries and
# executables load: libavdevice needs libpulse.so.0, the X11/XCB grabbers libxcb*, ALSA
# libasound.so.2 (libasound2t64 on noble), and the SRT listener libsrt (GnuTLS build).
FROM eclipse-temurin:21-jre-noble
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libpulse0 libxcb1 libxcb-shm0 libx11-xcb1 libasound2t64 libsrt1.5-gnutls \
 && rm -rf /var/lib/apt/lists/*
# A non-root user with a fixed id, matching runAsUser in deploy/k8s. No home folder: the root
# filesystem is read-only in Kubernetes; everything written goes to /tmp (an emptyDir there),
# including JavaCPP's cache of FFmpeg's native libraries (see bin/abr).
RUN groupadd --system --gid 10001 abr \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin abr
WORKDIR /app
COPY --from=build /out/ /app/
USER 10001:10001
# 8080 origin (players), 8081 ops (/healthz, /readyz, /metrics), 1935 RTMP, 9000/udp SRT.
EXPOSE 8080 8081 1935 9000/udp
ENTRYPOINT ["/app/bin/abr"]
CMD ["help"]
