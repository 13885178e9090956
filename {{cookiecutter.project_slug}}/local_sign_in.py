"""Run the app against a local identity provider: ``uv run python local_sign_in.py``.

Starts oidc-provider-mock (an OpenID Connect provider for development, in the dev
group) on http://127.0.0.1:9400 and the app on http://localhost:8501, with an [auth]
section that points st.login at the provider. On the provider's page you sign in as
anyone: type a name, click Authorize. Your own .streamlit/secrets.toml is still read;
only its [auth] is replaced. Ctrl+C stops both servers.
"""

from __future__ import annotations

import json
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROVIDER_PORT = 9400
APP_PORT = 8501


def auth_secrets(app_url: str, provider_url: str) -> str:
    """An [auth] section, as TOML, for the local provider, which takes any client id
    and secret. ``app_url`` must be the address the browser opens (localhost and
    127.0.0.1 are different sites to the sign-in cookie)."""
    settings = {
        "redirect_uri": f"{app_url}/oauth2callback",
        "cookie_secret": secrets.token_hex(32),
        "client_id": "local-app",
        "client_secret": "local-secret",
        "server_metadata_url": f"{provider_url}/.well-known/openid-configuration",
    }
    return "[auth]\n" + "".join(
        f"{name} = {json.dumps(value)}\n" for name, value in settings.items()
    )


def provider_command(port: int) -> list[str]:
    return [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]


def wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 30.0) -> None:
    """Wait until ``url`` answers; fail if ``process`` exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            status = process.returncode
            raise RuntimeError(f"{url} never answered: its server exited with status {status}")
        try:
            with urllib.request.urlopen(url, timeout=1):  # noqa: S310 (a local http URL)
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds:.0f} s")


def main() -> int:
    # Ctrl+C reaches every process of the terminal; a plain kill reaches only this one:
    # make it an exit, so both servers are stopped below.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    provider_url = f"http://127.0.0.1:{PROVIDER_PORT}"
    app_url = f"http://localhost:{APP_PORT}"
    with tempfile.TemporaryDirectory(prefix="local-sign-in-") as folder:
        local = Path(folder) / "secrets.toml"
        local.write_text(auth_secrets(app_url, provider_url), encoding="utf-8")
        provider = subprocess.Popen(provider_command(PROVIDER_PORT))  # noqa: S603 (our own command)
        try:
            wait_for(f"{provider_url}/.well-known/openid-configuration", provider)
            print(f"Identity provider at {provider_url}; the app at {app_url}", flush=True)
            # Later files win: the project's secrets first, then this [auth].
            return subprocess.call(  # noqa: S603 (our own command)
                [
                    *(sys.executable, "-m", "streamlit", "run", "streamlit_app.py"),
                    *("--server.port", str(APP_PORT)),
                    *("--secrets.files", ".streamlit/secrets.toml"),
                    *("--secrets.files", str(local)),
                ]
            )
        except KeyboardInterrupt:
            return 0
        finally:
            provider.terminate()
            provider.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
