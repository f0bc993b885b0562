/**
 * An SRT ingest server: encoders (OBS, FFmpeg, hardware encoders) publish MPEG-TS in SRT live mode
 * to {@code srt://host:port?streamid=<id>&passphrase=<secret>}; many streams share one UDP port,
 * routed by stream id, each encrypted with its own passphrase; each accepted caller becomes a TS
 * byte stream.
 *
 * <p>Entry point: {@link dev.abr.ingest.live.srt.SrtServer}. It binds the system libsrt 1.5 (Debian
 * {@code libsrt1.5-gnutls}) with JNA, because FFmpeg's libsrt listener serves one caller per port
 * and one passphrase for all. References: libsrt {@code srt.h}, {@code docs/API/API-functions.md}
 * ({@code srt_listen_callback}), {@code docs/features/access-control.md} (stream id syntax, {@code
 * SRT_REJX_*} codes), draft-sharabayko-srt.
 *
 * <p>Passphrases are secrets: they are held in {@link dev.abr.ingest.live.srt.SrtPassphrase}, whose
 * {@code toString()} is redacted, and never reach logs, exception messages or the listener. Stream
 * ids are public; a requested one, chosen by the caller, is logged only made printable.
 */
@NullMarked
package dev.abr.ingest.live.srt;

import org.jspecify.annotations.NullMarked;
