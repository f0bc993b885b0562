# A live RTSP server for tests (dev.abr.testkit.media.RtspTestServer): GStreamer's gst-rtsp-server
# (Debian: python3-gi, gir1.2-gst-rtsp-server-1.0, gstreamer1.0-plugins-{base,good,bad,ugly}).
# Serves 640x360 at 30 fps (so the app's "small" ladder keeps both its renditions) with a key frame
# every second, and a pipeline per client: with a shared one, a client joining makes the timestamps
# of the clients already playing jump back and forth, as a camera's would not.
# Binds a free port on 127.0.0.1, prints it, serves
# rtsp://127.0.0.1:<port>/test (H.264 + AAC, live) until stdin closes or it is killed. It asks for
# no credentials: a client's user and password are never used.
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service("0")
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(
    "( videotestsrc is-live=true pattern=ball"
    " ! video/x-raw,width=640,height=360,framerate=30/1"
    " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=30 threads=1"
    " ! rtph264pay name=pay0 pt=96 config-interval=1"
    "  audiotestsrc is-live=true wave=sine freq=997"
    " ! audio/x-raw,rate=48000,channels=2"
    " ! voaacenc bitrate=64000 ! rtpmp4gpay name=pay1 pt=97 )"
)
factory.set_shared(False)
server.get_mount_points().add_factory("/test", factory)
if server.attach(None) == 0:
    sys.exit("cannot attach the RTSP server")
loop = GLib.MainLoop()
GLib.io_add_watch(sys.stdin.fileno(), GLib.IO_HUP | GLib.IO_ERR | GLib.IO_IN, lambda *a: loop.quit())
print(server.get_bound_port(), flush=True)
loop.run()
