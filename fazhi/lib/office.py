"""Word to PDF through LibreOffice, for the publication's PDF and the tests that look at pages.

LibreOffice takes a missing font's substitute from fontconfig. The stand-ins below come with
Debian's fonts-noto-cjk (and fonts-arphic-ukai, if installed, for 楷体); they are set for the
conversion only: the .docx names the official fonts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test name="family"><string>方正小标宋简体</string></test>
    <edit name="family" mode="prepend" binding="strong"><string>Noto Serif CJK SC</string></edit>
    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>
  </match>
  <alias binding="strong"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="strong"><family>楷体_GB2312</family>
    <prefer><family>AR PL UKai CN</family><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="strong"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="strong"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
</fontconfig>
"""


def office_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_path: Path, out_dir: Path, *, timeout: int = 180) -> Path:
    """``docx_path`` converted into ``out_dir``; subprocess errors and a missing binary raise."""
    office = office_binary()
    if office is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    fonts_conf = out_dir / "fonts.conf"
    fonts_conf.write_text(FONTS_CONF, encoding="utf-8")
    profile = out_dir / "lo-profile"  # its own profile: no clash with a running LibreOffice
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf), "HOME": str(out_dir)}
    command = [office, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)]
    subprocess.run(command, check=True, capture_output=True, timeout=timeout, env=env)  # noqa: S603
    return out_dir / (docx_path.stem + ".pdf")
