import { useState } from "react";
import { videoEmbed } from "../../lib/course";

/**
 * A lesson's video at 16:9 on any screen. The provider's player (and its cookies and scripts)
 * loads only when the learner presses play; without JavaScript the button is a link to the video.
 */
export function LessonVideo({ url, title }: { url: string; title: string }) {
  const embed = videoEmbed(url);
  const [playing, setPlaying] = useState(false);
  if (!embed) return null;
  return (
    <div className="video">
      {playing ? (
        <iframe
          src={`${embed.src}${embed.src.includes("?") ? "&" : "?"}autoplay=1`}
          title={`${title} (${embed.provider} video)`}
          allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
          allowFullScreen
          referrerPolicy="strict-origin-when-cross-origin"
        />
      ) : (
        <a
          className="video-poster"
          href={url}
          target="_blank"
          rel="noreferrer"
          onClick={(e) => {
            e.preventDefault();
            setPlaying(true);
          }}
        >
          <span className="video-play" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="28" height="28">
              <path d="M8 5v14l11-7z" fill="currentColor" />
            </svg>
          </span>
          <span className="video-label">
            Play video <span className="muted">· {embed.provider}</span>
          </span>
        </a>
      )}
    </div>
  );
}
