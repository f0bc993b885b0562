// The origin's player page: hls.js and dash.js side by side, a rendition picker and a status line
// for each, and window.abrTest, the API the browser tests drive:
//
//   abrTest.hls.load(url) / abrTest.dash.load(url)   start playing (muted, autoplay)
//   abrTest.<player>.levels()     [{index, id, width, height, bitrate}] (video, else audio)
//   abrTest.<player>.setLevel(i)  force level i (-1: back to automatic)
//   abrTest.<player>.seek(s)      seek to s seconds and play
//   abrTest.<player>.state()      {url, currentTime, paused, ended, readyState, videoWidth,
//                                  videoHeight, totalVideoFrames, droppedVideoFrames, level,
//                                  errors: [{source, fatal, type, details}]}
//   abrTest.<player>.live()       {playingDate, latency, now}: the wall-clock time (ms since the
//                                  epoch) of the playhead as the player maps it (hls.js from
//                                  EXT-X-PROGRAM-DATE-TIME, dash.js from the MPD timing), the
//                                  player's own latency estimate in seconds, and Date.now();
//                                  null where the player does not know
//
// Query parameters ?hls=<url>&dash=<url> load on start; otherwise the manifests the origin found
// at the root of its store are loaded.
(function () {
  'use strict';

  function section(id) {
    const root = document.getElementById(id);
    return {
      root: root,
      video: root.querySelector('video'),
      url: root.querySelector('.url'),
      load: root.querySelector('.load'),
      levels: root.querySelector('.levels'),
      status: root.querySelector('.status'),
      errors: root.querySelector('.errors'),
      version: root.querySelector('.version'),
    };
  }

  function baseState(video, url, errors, level) {
    const quality = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : null;
    return {
      url: url,
      currentTime: video.currentTime,
      paused: video.paused,
      ended: video.ended,
      readyState: video.readyState,
      videoWidth: video.videoWidth,
      videoHeight: video.videoHeight,
      totalVideoFrames: quality ? quality.totalVideoFrames : 0,
      droppedVideoFrames: quality ? quality.droppedVideoFrames : 0,
      level: level,
      errors: errors.slice(),
    };
  }

  function watchVideo(video, errors) {
    video.addEventListener('error', function () {
      const e = video.error;
      errors.push({ source: 'video', fatal: true, type: 'MediaError', details: e ? e.code + ': ' + e.message : 'unknown' });
    });
  }

  function play(video) {
    const promise = video.play();
    if (promise) {
      promise.catch(function () { /* retried when data arrives: autoplay is allowed muted */ });
    }
  }

  function fillPicker(ui, levels, onPick) {
    ui.levels.innerHTML = '<option value="-1">auto</option>';
    levels.forEach(function (l) {
      const option = document.createElement('option');
      option.value = String(l.index);
      option.textContent = (l.height ? l.width + 'x' + l.height + ' ' : '') + Math.round(l.bitrate / 1000) + ' kbit/s';
      ui.levels.appendChild(option);
    });
    ui.levels.onchange = function () { onPick(Number(ui.levels.value)); };
  }

  function showStatus(ui, api) {
    const s = api.state();
    ui.status.textContent = s.url
      ? 'level ' + s.level + ' ' + s.videoWidth + 'x' + s.videoHeight + '  t=' + s.currentTime.toFixed(2)
        + ' s  frames ' + s.totalVideoFrames + ' (dropped ' + s.droppedVideoFrames + ')'
      : 'nothing loaded';
    ui.errors.textContent = s.errors.map(function (e) {
      return (e.fatal ? 'FATAL ' : '') + e.source + ' ' + e.type + ' ' + e.details;
    }).join('\n');
  }

  function hlsPlayer(ui) {
    let hls = null;
    let url = null;
    let errors = [];
    watchVideo(ui.video, { push: function (e) { errors.push(e); } });
    ui.version.textContent = typeof Hls !== 'undefined' ? Hls.version : 'missing';
    const api = {
      load: function (newUrl) {
        if (hls) { hls.destroy(); }
        errors = [];
        url = newUrl;
        ui.url.value = newUrl;
        hls = new Hls({ debug: false });
        hls.on(Hls.Events.ERROR, function (event, data) {
          errors.push({ source: 'hls.js', fatal: !!data.fatal, type: String(data.type), details: String(data.details) });
        });
        hls.on(Hls.Events.MANIFEST_PARSED, function () {
          fillPicker(ui, api.levels(), api.setLevel);
          play(ui.video);
        });
        hls.loadSource(newUrl);
        hls.attachMedia(ui.video);
      },
      levels: function () {
        if (!hls || !hls.levels) { return []; }
        return hls.levels.map(function (l, i) {
          return { index: i, id: String(i), width: l.width || 0, height: l.height || 0, bitrate: l.bitrate || 0 };
        });
      },
      setLevel: function (index) {
        // currentLevel switches now (flushing the buffer) and turns automatic selection off.
        hls.currentLevel = index;
        ui.levels.value = String(index);
      },
      state: function () {
        return baseState(ui.video, url, errors, hls ? hls.currentLevel : -1);
      },
      live: function () {
        const date = hls ? hls.playingDate : null;
        return {
          playingDate: date ? date.getTime() : null,
          latency: hls && hls.latency ? hls.latency : null,
          now: Date.now(),
        };
      },
      seek: function (seconds) {
        ui.video.currentTime = seconds;
        play(ui.video);
      },
    };
    return api;
  }

  function dashPlayer(ui) {
    let player = null;
    let url = null;
    let errors = [];
    watchVideo(ui.video, { push: function (e) { errors.push(e); } });
    ui.version.textContent = typeof dashjs !== 'undefined' ? dashjs.Version || '' : 'missing';

    function mediaType() {
      return player && player.getRepresentationsByType('video').length > 0 ? 'video' : 'audio';
    }

    const api = {
      load: function (newUrl) {
        if (player) { player.reset(); }
        errors = [];
        url = newUrl;
        ui.url.value = newUrl;
        player = dashjs.MediaPlayer().create();
        player.updateSettings({ debug: { logLevel: dashjs.Debug.LOG_LEVEL_WARNING } });
        const events = dashjs.MediaPlayer.events;
        player.on(events.ERROR, function (e) {
          const error = e.error || {};
          errors.push({ source: 'dash.js', fatal: true, type: String(error.code), details: String(error.message) });
        });
        player.on(events.PLAYBACK_ERROR, function (e) {
          errors.push({ source: 'dash.js', fatal: true, type: 'playbackError', details: String(e.error && e.error.message) });
        });
        player.on(events.STREAM_INITIALIZED, function () {
          fillPicker(ui, api.levels(), api.setLevel);
        });
        player.initialize(ui.video, newUrl, true);
      },
      levels: function () {
        if (!player) { return []; }
        try {
          return player.getRepresentationsByType(mediaType()).map(function (r, i) {
            return { index: i, id: String(r.id), width: r.width || 0, height: r.height || 0, bitrate: r.bandwidth || 0 };
          });
        } catch (e) {
          return [];  // not initialized yet
        }
      },
      setLevel: function (index) {
        const type = mediaType();
        const auto = {};
        auto[type] = index < 0;
        player.updateSettings({ streaming: { abr: { autoSwitchBitrate: auto } } });
        if (index >= 0) {
          player.setRepresentationForTypeById(type, api.levels()[index].id, true);
        }
        ui.levels.value = String(index);
      },
      state: function () {
        let level = -1;
        if (player) {
          try {
            const current = player.getCurrentRepresentationForType(mediaType());
            const levels = api.levels();
            level = current ? levels.findIndex(function (l) { return l.id === String(current.id); }) : -1;
          } catch (e) {
            level = -1;
          }
        }
        return baseState(ui.video, url, errors, level);
      },
      live: function () {
        let date = null;
        let latency = null;
        try {
          if (player && player.isDynamic()) {
            const utcSeconds = player.timeAsUTC();
            date = isFinite(utcSeconds) && utcSeconds > 0 ? Math.round(utcSeconds * 1000) : null;
            const current = player.getCurrentLiveLatency();
            latency = isFinite(current) ? current : null;
          }
        } catch (e) {
          // not initialized yet
        }
        return { playingDate: date, latency: latency, now: Date.now() };
      },
      seek: function (seconds) {
        player.seek(seconds);
        play(ui.video);
      },
    };
    return api;
  }

  const hlsUi = section('hls');
  const dashUi = section('dash');
  const api = { hls: hlsPlayer(hlsUi), dash: dashPlayer(dashUi) };
  window.abrTest = api;

  hlsUi.load.onclick = function () { api.hls.load(hlsUi.url.value); };
  dashUi.load.onclick = function () { api.dash.load(dashUi.url.value); };
  setInterval(function () { showStatus(hlsUi, api.hls); showStatus(dashUi, api.dash); }, 500);

  const manifests = window.abrManifests || {};
  const found = [];
  if (manifests.hls) { found.push('<a href="' + manifests.hls + '">' + manifests.hls + '</a>'); }
  if (manifests.dash) { found.push('<a href="' + manifests.dash + '">' + manifests.dash + '</a>'); }
  document.getElementById('manifests').innerHTML =
    found.length ? 'Manifests at the root of the store: ' + found.join(', ') : 'No manifest at the root of the store.';

  const query = new URLSearchParams(window.location.search);
  const auto = query.get('autoload') !== '0';
  const hlsUrl = query.get('hls') || (auto ? manifests.hls : null);
  const dashUrl = query.get('dash') || (auto ? manifests.dash : null);
  if (hlsUrl) { api.hls.load(hlsUrl); }
  if (dashUrl) { api.dash.load(dashUrl); }
})();
