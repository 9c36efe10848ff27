package io.engram.cli.packaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.engram.cli.packaging.DebianPackage.Member;
import io.engram.cli.packaging.NativeLibraryScan.NativeLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package that {@code mvn -Pdeb package} builds: read member by member and unpacked
 * into a scratch root, its unit checked key by key, its maintainer scripts run against recording
 * stand-ins for useradd, systemctl and friends, and, where the machine allows it (root, unshare,
 * dpkg), installed, upgraded, removed and purged with the real dpkg in a throwaway root: an
 * overlay of this machine's root file system whose writes vanish with the test.
 */
class DebianPackageIT {

  private static final Path REPO = Path.of(System.getProperty("engram.repo.root", ".."));
  private static final Path EXAMPLES = REPO.resolve("robot-config/examples");
  private static final String JAR = "/usr/share/engram/engram.jar";
  private static final String UNIT = "/lib/systemd/system/engram.service";
  private static final List<String> SCRIPTS = List.of("postinst", "prerm", "postrm");

  private static Path deb;
  private static DebianPackage pkg;

  @BeforeAll
  static void readPackage() throws IOException {
    String property = System.getProperty("engram.deb");
    assertNotNull(property, "engram.deb is not set: run with mvn -Pdeb verify");
    deb = Path.of(property);
    assertTrue(Files.isRegularFile(deb), deb + " was not built");
    pkg = DebianPackage.read(deb);
  }

  @Test
  void isADebianBinaryPackageForEveryArchitecture() throws Exception {
    assertEquals("2.0\n", pkg.debianBinary);
    Map<String, String> fields = pkg.controlFields();
    assertEquals("engram", fields.get("Package"));
    assertEquals("all", fields.get("Architecture"), "a jar runs on arm64 and amd64 alike");
    assertTrue(fields.get("Version").matches("\\d+\\.\\d+\\.\\d+.*"), fields.get("Version"));
    assertTrue(fields.get("Depends").startsWith(
        "default-jre-headless (>= 2:1.17) | java17-runtime-headless"), fields.get("Depends"));
    assertTrue(Long.parseLong(fields.get("Installed-Size")) > 1000, "size in KiB");
    assertTrue(fields.get("Description").contains("systemctl enable --now engram"));

    // md5sums names every regular file with its digest, as dpkg --verify expects.
    Map<String, String> sums = new LinkedHashMap<>();
    for (String line : pkg.control.get("/md5sums").text().split("\n")) {
      sums.put("/" + line.substring(34), line.substring(0, 32));
    }
    Set<String> files = pkg.data.values().stream().filter(m -> !m.directory())
        .map(Member::path).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(files, new TreeSet<>(sums.keySet()));
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    for (String file : files) {
      assertEquals(sums.get(file), HexFormat.of().formatHex(md5.digest(pkg.data.get(file).content())),
          file);
    }
  }

  @Test
  void unpacksIntoAScratchRootWithOwnersAndModes(@TempDir Path root) throws IOException {
    pkg.unpackData(root);
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put(JAR, "644");
    expected.put("/usr/bin/engram", "755");
    for (String example : examples()) {
      expected.put("/etc/engram/" + example, "644");
    }
    expected.put("/etc/default/engram", "644");
    expected.put(UNIT, "644");
    expected.put("/lib/udev/rules.d/60-engram-gpio.rules", "644");
    expected.put("/usr/share/doc/engram/deploy.md", "644");
    Set<String> files = new TreeSet<>();
    for (Member m : pkg.data.values()) {
      assertEquals("root", m.user(), m.path());
      assertEquals("root", m.group(), m.path());
      if (m.directory()) {
        assertEquals("755", m.octalMode(), m.path());
      } else {
        files.add(m.path());
        assertEquals(expected.get(m.path()), m.octalMode(), m.path());
        assertTrue(Files.isRegularFile(root.resolve(m.path().substring(1))), m.path());
      }
    }
    assertEquals(new TreeSet<>(expected.keySet()), files);
    assertTrue(Files.isExecutable(root.resolve("usr/bin/engram")));

    // The examples are the repository's, byte for byte.
    try (var examples = Files.list(EXAMPLES)) {
      for (Path example : examples.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        assertArrayEquals(Files.readAllBytes(example),
            Files.readAllBytes(root.resolve("etc/engram").resolve(example.getFileName())),
            example.toString());
      }
    }
    // The jar is the runnable one, and the launcher runs it.
    try (JarInputStream jar = new JarInputStream(Files.newInputStream(root.resolve(JAR.substring(1))))) {
      assertEquals("io.engram.cli.EngramCommand", jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
    String launcher = Files.readString(root.resolve("usr/bin/engram"));
    assertTrue(launcher.startsWith("#!/bin/sh\n"));
    assertTrue(launcher.contains("-jar \"$jar\" \"$@\""), launcher);
    assertTrue(launcher.contains("jar=" + JAR), launcher);
  }

  /** The file names of the repository's example configurations: the package ships them all. */
  private static List<String> examples() throws IOException {
    try (var files = Files.list(EXAMPLES)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted()
          .toList();
    }
  }

  @Test
  void configurationFilesAreConffiles() throws IOException {
    List<String> conffiles = Arrays.asList(pkg.control.get("/conffiles").text().strip().split("\n"));
    Set<String> expected = new TreeSet<>(Set.of("/etc/default/engram"));
    for (String example : examples()) {
      expected.add("/etc/engram/" + example);
    }
    assertTrue(expected.contains("/etc/engram/ed-scorbot.yaml"), expected.toString());
    assertEquals(expected, new TreeSet<>(conffiles));
    for (String conffile : conffiles) {
      assertTrue(pkg.data.containsKey(conffile), conffile + " is not in the package");
    }
  }

  @Test
  void unitSupervisesAnUnprivilegedServiceWithinAPiBudget() {
    SystemdUnit unit = SystemdUnit.parse(pkg.data.get(UNIT).text());
    assertEquals("engram", unit.get("Service", "User"));
    assertEquals("engram", unit.get("Service", "Group"));
    Set<String> groups = Set.of(unit.get("Service", "SupplementaryGroups").split("\\s+"));
    assertTrue(groups.containsAll(Set.of("dialout", "gpio")), groups.toString());
    assertEquals("on-failure", unit.get("Service", "Restart"));
    assertEquals("SIGTERM", unit.get("Service", "KillSignal"));
    double stop = SystemdUnit.seconds(unit.get("Service", "TimeoutStopSec"));
    assertTrue(stop >= 5 && stop <= 90, "TimeoutStopSec " + stop);
    assertTrue(unit.get("Service", "SuccessExitStatus").contains("143"),
        "the JVM exits 143 after an orderly SIGTERM");
    assertEquals("journal", unit.get("Service", "StandardOutput"));
    assertEquals("journal", unit.get("Service", "StandardError"));
    assertEquals("multi-user.target", unit.get("Install", "WantedBy"));
    assertEquals("/var/lib/engram", unit.get("Service", "WorkingDirectory"));
    String exec = unit.get("Service", "ExecStart");
    assertTrue(exec.startsWith("/usr/bin/engram run --config ${ENGRAM_CONFIG}"), exec);
    assertEquals("-/etc/default/engram", unit.get("Service", "EnvironmentFile"));

    // The heap is capped at 64 MB, in the unit and in /etc/default/engram, well inside MemoryMax.
    long memoryMax = SystemdUnit.bytes(unit.get("Service", "MemoryMax"));
    assertTrue(memoryMax <= 512L << 20, "MemoryMax " + memoryMax);
    String unitOpts = unit.environment("ENGRAM_JAVA_OPTS");
    String defaultOpts = pkg.data.get("/etc/default/engram").text().lines()
        .filter(l -> l.startsWith("ENGRAM_JAVA_OPTS=")).findFirst().orElseThrow().substring(17);
    for (String opts : List.of(unitOpts, defaultOpts)) {
      assertTrue(Arrays.asList(opts.split("\\s+")).contains("-Xmx64m"), opts);
      assertTrue(4 * SystemdUnit.bytes("64M") <= memoryMax, "heap is a quarter of MemoryMax at most");
    }
    String defaultConfig = unit.environment("ENGRAM_CONFIG");
    assertTrue(pkg.data.containsKey(defaultConfig), defaultConfig + " is not in the package");
  }

  @Test
  void maintainerScriptsAreExecutablePosixShell() throws Exception {
    for (String name : SCRIPTS) {
      Member script = pkg.control.get("/" + name);
      assertNotNull(script, name);
      assertEquals("755", script.octalMode(), name);
      assertTrue(script.text().startsWith("#!/bin/sh\n"), name);
      assertTrue(script.text().contains("\nset -e\n"), name);
    }
    Path dir = Files.createTempDirectory("engram-scripts");
    for (String name : SCRIPTS) {
      Path file = dir.resolve(name);
      Files.write(file, pkg.control.get("/" + name).content());
      for (String shell : List.of("sh", "bash", "dash")) {
        if (onPath(shell)) {
          Result r = run(List.of(shell, "-n", file.toString()), Map.of());
          assertEquals(0, r.status, shell + " -n " + name + ": " + r.err);
        }
      }
    }
  }

  @Test
  void postinstCreatesTheUserAndGroupsOnceAndOnlyOnce() throws Exception {
    StubSystem system = new StubSystem();
    Result first = system.run("postinst", "configure", "");
    assertEquals(0, first.status, first.err);
    List<String> calls = system.calls();
    assertTrue(calls.contains("groupadd --system dialout"), calls.toString());
    assertTrue(calls.contains("groupadd --system gpio"), calls.toString());
    assertTrue(calls.contains("groupadd --system engram"), calls.toString());
    String useradd = calls.stream().filter(c -> c.startsWith("useradd ")).findFirst().orElseThrow();
    for (String option : List.of("--system", "--gid engram", "--groups dialout,gpio",
        "--home-dir /var/lib/engram", "--shell /usr/sbin/nologin")) {
      assertTrue(useradd.contains(option), useradd);
    }
    assertTrue(useradd.endsWith(" engram"), useradd);
    assertTrue(calls.contains("chown engram:engram /var/lib/engram"), calls.toString());
    assertTrue(calls.contains("chmod 0750 /var/lib/engram"), calls.toString());
    // A first installation never starts the arm.
    assertFalse(calls.stream().anyMatch(c -> c.matches("systemctl (start|restart|try-restart|enable).*")),
        calls.toString());

    // Again (a reinstallation, an upgrade): nothing is created twice, the groups are ensured.
    system.clearCalls();
    Result again = system.run("postinst", "configure", "0.0.9");
    assertEquals(0, again.status, again.err);
    calls = system.calls();
    assertFalse(calls.stream().anyMatch(c -> c.startsWith("groupadd") || c.startsWith("useradd")),
        calls.toString());
    assertTrue(calls.contains("usermod --append --groups dialout,gpio engram"), calls.toString());
    assertEquals(systemdRunning(), calls.contains("systemctl try-restart engram.service"),
        calls.toString());
  }

  @Test
  void postinstOnRaspberryPiOsOnlyAddsTheServiceGroup() throws Exception {
    StubSystem system = new StubSystem();
    system.exists("group", "dialout");
    system.exists("group", "gpio");
    Result r = system.run("postinst", "configure", "");
    assertEquals(0, r.status, r.err);
    List<String> groupadds = system.calls().stream().filter(c -> c.startsWith("groupadd")).toList();
    assertEquals(List.of("groupadd --system engram"), groupadds);
  }

  @Test
  void removalStopsTheServiceAndPurgeDeletesItsState() throws Exception {
    StubSystem system = new StubSystem();
    Result prerm = system.run("prerm", "remove");
    assertEquals(0, prerm.status, prerm.err);
    assertEquals(systemdRunning(), system.calls().contains("systemctl stop engram.service"));

    system.clearCalls();
    Result upgrade = system.run("prerm", "upgrade", "0.2.0");
    assertEquals(0, upgrade.status, upgrade.err);
    assertFalse(system.calls().stream().anyMatch(c -> c.startsWith("systemctl stop")),
        "an upgrade restarts the service in postinst rather than stopping it here");

    system.clearCalls();
    Result remove = system.run("postrm", "remove");
    assertEquals(0, remove.status, remove.err);
    assertTrue(system.calls().contains("rm -f /etc/systemd/system/multi-user.target.wants/engram.service"),
        system.calls().toString());
    assertFalse(system.calls().contains("rm -rf /var/lib/engram"), "remove keeps the state");

    system.clearCalls();
    Result purge = system.run("postrm", "purge");
    assertEquals(0, purge.status, purge.err);
    assertTrue(system.calls().contains("rm -rf /var/lib/engram"), system.calls().toString());
    assertFalse(system.calls().stream().anyMatch(c -> c.startsWith("userdel") || c.startsWith("groupdel")),
        "system users stay after a purge");

    for (String script : SCRIPTS) {
      Result unknown = system.run(script, "frobnicate");
      assertEquals(1, unknown.status, script);
      assertTrue(unknown.err.contains("unknown argument 'frobnicate'"), unknown.err);
    }
  }

  @Test
  void installsUpgradesRemovesAndPurgesWithDpkgInAThrowawayRoot(@TempDir Path scratch)
      throws Exception {
    assumeTrue(System.getProperty("os.name").equals("Linux"), "a throwaway root needs Linux");
    assumeTrue(onPath("unshare") && onPath("chroot") && onPath("dpkg"),
        "a throwaway root needs unshare, chroot and dpkg; the scripts were checked against stand-ins");
    assumeTrue(run(List.of("id", "-u"), Map.of()).out.strip().equals("0"),
        "a throwaway root needs root (to mount an overlay); the scripts were checked against stand-ins");
    Path script = scratch.resolve("throwaway-root.sh");
    Files.writeString(script, THROWAWAY_ROOT);
    Path mountPoint = Files.createDirectory(scratch.resolve("mnt"));
    Result r = run(List.of("unshare", "--mount", "--propagation", "private", "bash",
        script.toString(), deb.toAbsolutePath().toString(), mountPoint.toString()), Map.of());
    assumeTrue(r.status != 77, "this machine cannot mount an overlay root: " + r.err);
    assertEquals(0, r.status, r.out + r.err);
    Map<String, String> facts = new LinkedHashMap<>();
    r.out.lines().filter(l -> l.contains("=")).forEach(
        l -> facts.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    String log = "\n" + r.out + r.err;

    assertEquals("install ok installed", facts.get("status"), log);
    assertTrue(facts.get("user").matches("engram:x:\\d+:\\d+:[^:]*:/var/lib/engram:/usr/sbin/nologin"), log);
    assertEquals(Set.of("engram", "dialout", "gpio"), Set.of(facts.get("groups").split(" ")), log);
    assertEquals("engram:engram:750", facts.get("state"), log);
    assertEquals("root:root:755", facts.get("launcher"), log);
    assertTrue(facts.get("version").startsWith("engram "), log);
    if (facts.containsKey("unitVerify")) {
      assertEquals("[]", facts.get("unitVerify"), "systemd-analyze verify" + log);
    }
    assertEquals("0", facts.get("configcheck"), "the service user runs engram config check" + log);
    assertEquals("1", facts.get("usersAfterReinstall"), log);
    assertEquals("yes", facts.get("editSurvivesUpgrade"), log);
    assertEquals("no", facts.get("jarAfterRemove"), log);
    assertEquals("yes", facts.get("conffileAfterRemove"), log);
    assertEquals("no", facts.get("etcAfterPurge"), log);
    assertEquals("no", facts.get("stateAfterPurge"), log);
    assertEquals("yes", facts.get("userAfterPurge"), log);
    assertFalse(Files.exists(Path.of("/var/lib/engram/.throwaway")), "the host was touched");
  }

  @Test
  void dpkgDebReadsThePackageAsTheTestDoes(@TempDir Path root) throws Exception {
    assumeTrue(onPath("dpkg-deb"), "dpkg-deb is absent; the package was read with commons-compress only");
    Result info = run(List.of("dpkg-deb", "--field", deb.toString(), "Package", "Architecture"), Map.of());
    assertEquals(0, info.status, info.err);
    assertEquals("Package: engram\nArchitecture: all\n", info.out);
    Result x = run(List.of("dpkg-deb", "-x", deb.toString(), root.resolve("data").toString()), Map.of());
    assertEquals(0, x.status, x.err);
    Result e = run(List.of("dpkg-deb", "-e", deb.toString(), root.resolve("DEBIAN").toString()), Map.of());
    assertEquals(0, e.status, e.err);
    Set<String> unpacked = new TreeSet<>();
    try (var walk = Files.walk(root.resolve("data"))) {
      walk.filter(Files::isRegularFile)
          .forEach(p -> unpacked.add("/" + root.resolve("data").relativize(p)));
    }
    Set<String> read = pkg.data.values().stream().filter(m -> !m.directory()).map(Member::path)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(read, unpacked);
    for (String name : SCRIPTS) {
      assertArrayEquals(pkg.control.get("/" + name).content(),
          Files.readAllBytes(root.resolve("DEBIAN").resolve(name)), name);
    }
  }

  /**
   * Every native library the runnable jar carries for Linux has a build for 64-bit ARM (ELF64,
   * AArch64), named where its loader looks on a Raspberry Pi OS or Debian arm64 board.
   */
  @Test
  void everyNativeLibraryRunsOnLinuxArm64(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("engram.jar");
    Files.write(jar, pkg.data.get(JAR).content());
    List<NativeLibrary> libs = NativeLibraryScan.scan(jar);
    Map<String, NativeLibrary> byEntry = libs.stream()
        .collect(Collectors.toMap(NativeLibrary::entry, l -> l));

    // jSerialComm loads Linux/armv8_64 on os.arch aarch64; Pi4J's gpiod plugin loads lib/aarch64.
    for (String entry : List.of("Linux/armv8_64/libjSerialComm.so",
        "lib/aarch64/pi4j-gpiod/libpi4j-gpiod.so", "lib/aarch64/pi4j-gpiod/libgpiod.so")) {
      NativeLibrary lib = byEntry.get(entry);
      assertNotNull(lib, entry + " is missing; native libraries: " + libs);
      assertTrue(lib.isLinuxAarch64(), lib.toString());
    }
    // No library family ships for Linux x86-64 without its arm64 twin.
    for (NativeLibrary lib : libs) {
      if (lib.isLinuxX86_64()) {
        String name = lib.entry().substring(lib.entry().lastIndexOf('/') + 1);
        assertTrue(libs.stream().anyMatch(o -> o.isLinuxAarch64() && o.entry().endsWith("/" + name)),
            lib + " has no Linux aarch64 build");
      }
    }
    // Only the two libraries above carry native code at all (a new one must be checked here).
    Set<String> families = new TreeSet<>();
    for (NativeLibrary lib : libs) {
      families.add(lib.entry().contains("jSerialComm") ? "jSerialComm"
          : lib.entry().contains("pi4j-gpiod") ? "pi4j-gpiod" : lib.entry());
    }
    assertEquals(Set.of("jSerialComm", "pi4j-gpiod"), families);
  }

  // --- helpers -------------------------------------------------------------------------------

  /**
   * Installs, upgrades, removes and purges the package with dpkg inside an overlay of "/" whose
   * upper layer is a tmpfs: everything dpkg and the maintainer scripts write vanishes with the
   * mount namespace. Prints facts as key=value lines; exits 77 when the overlay cannot be mounted.
   */
  private static final String THROWAWAY_ROOT = """
      set -u
      deb=$1; s=$2
      mount -t tmpfs tmpfs "$s" || exit 77
      mkdir "$s/upper" "$s/work" "$s/root"
      mount -t overlay overlay -o "lowerdir=/,upperdir=$s/upper,workdir=$s/work" "$s/root" || exit 77
      r=$s/root
      mount -t proc proc "$r/proc" || exit 77
      mount --rbind /dev "$r/dev" || exit 77
      mount -t tmpfs tmpfs "$r/run" && mount -t tmpfs tmpfs "$r/tmp" || exit 77
      set -e
      cp "$deb" "$r/tmp/engram.deb"
      inroot() { chroot "$r" "$@"; }
      yesno() { if inroot test -e "$1"; then echo yes; else echo no; fi; }
      # Java may come from outside dpkg's knowledge (a JDK tarball): dependencies are not the point.
      inroot dpkg --force-depends -i /tmp/engram.deb >&2
      echo "status=$(inroot dpkg-query -W -f='${Status}' engram)"
      echo "user=$(inroot getent passwd engram)"
      echo "groups=$(inroot id -nG engram)"
      echo "state=$(inroot stat -c '%U:%G:%a' /var/lib/engram)"
      echo "launcher=$(inroot stat -c '%U:%G:%a' /usr/bin/engram)"
      inroot touch /var/lib/engram/.throwaway
      # systemd's own check of the installed unit (keys, paths, user), where systemd is installed.
      if inroot sh -c 'command -v systemd-analyze' >/dev/null; then
        echo "unitVerify=[$(inroot systemd-analyze verify /lib/systemd/system/engram.service 2>&1 | tr '\\n' ' ')]"
      fi
      echo "version=$(inroot runuser -u engram -- /usr/bin/engram --version 2>&1 | head -n 1)"
      set +e
      inroot runuser -u engram -- /usr/bin/engram config check /etc/engram/ed-scorbot-sim.yaml >/dev/null
      echo "configcheck=$?"
      set -e
      echo '# edited on the board' >> "$r/etc/engram/ed-scorbot.yaml"
      inroot dpkg --force-depends --force-confold -i /tmp/engram.deb >&2
      echo "usersAfterReinstall=$(inroot grep -c '^engram:' /etc/passwd)"
      if inroot grep -q '^# edited on the board' /etc/engram/ed-scorbot.yaml; then
        echo editSurvivesUpgrade=yes
      else
        echo editSurvivesUpgrade=no
      fi
      inroot dpkg -r engram >&2
      echo "jarAfterRemove=$(yesno /usr/share/engram/engram.jar)"
      echo "conffileAfterRemove=$(yesno /etc/engram/ed-scorbot.yaml)"
      inroot dpkg --purge engram >&2
      echo "etcAfterPurge=$(yesno /etc/engram)"
      echo "stateAfterPurge=$(yesno /var/lib/engram)"
      if inroot getent passwd engram >/dev/null; then echo userAfterPurge=yes; else echo userAfterPurge=no; fi
      """;

  /**
   * The maintainer scripts run against stand-ins, first on PATH, for every command that would
   * change the machine: they record their calls, and getent answers from a directory of known
   * users and groups that groupadd and useradd fill.
   */
  private static final class StubSystem {
    private final Path dir = Files.createTempDirectory("engram-stubs");
    private final Path bin = Files.createDirectory(dir.resolve("bin"));
    private final Path log = dir.resolve("calls.log");

    StubSystem() throws IOException {
      Files.createDirectories(dir.resolve("state/group"));
      Files.createDirectories(dir.resolve("state/passwd"));
      for (String name : List.of("usermod", "mkdir", "chown", "chmod", "systemctl", "udevadm",
          "rm", "userdel", "groupdel", "adduser", "addgroup", "deb-systemd-helper",
          "deb-systemd-invoke")) {
        stub(name, "");
      }
      stub("groupadd", "for a; do n=$a; done; touch \"$STUB_STATE/group/$n\"\n");
      stub("useradd", "for a; do n=$a; done; touch \"$STUB_STATE/passwd/$n\"\n");
      Files.writeString(bin.resolve("getent"),
          "#!/bin/sh\n[ -e \"$STUB_STATE/$1/$2\" ] || exit 2\necho \"$2:x:999:\"\n");
      Files.setPosixFilePermissions(bin.resolve("getent"), Permissions.of(0755));
      Files.writeString(log, "");
    }

    private void stub(String name, String body) throws IOException {
      Path file = bin.resolve(name);
      Files.writeString(file, "#!/bin/sh\necho \"" + name + " $*\" >> \"$STUB_LOG\"\n" + body);
      Files.setPosixFilePermissions(file, Permissions.of(0755));
    }

    void exists(String database, String name) throws IOException {
      Files.createFile(dir.resolve("state").resolve(database).resolve(name));
    }

    Result run(String script, String... args) throws Exception {
      Path file = dir.resolve(script);
      Files.write(file, pkg.control.get("/" + script).content());
      List<String> command = new ArrayList<>(List.of("sh", file.toString()));
      command.addAll(Arrays.asList(args));
      return DebianPackageIT.run(command, Map.of("PATH", bin + ":/usr/bin:/bin",
          "STUB_LOG", log.toString(), "STUB_STATE", dir.resolve("state").toString()));
    }

    List<String> calls() throws IOException {
      return Files.readAllLines(log).stream().map(String::strip).toList();
    }

    void clearCalls() throws IOException {
      Files.writeString(log, "");
    }
  }

  private record Result(int status, String out, String err) {}

  private static Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PATH", SEARCH_PATH);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("engram-out", ".txt");
    Path err = Files.createTempFile("engram-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish within 120 s");
    }
    Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  /** The PATH of this process and the sbin folders, where chroot and useradd live. */
  private static final String SEARCH_PATH =
      System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";

  private static boolean onPath(String command) {
    for (String d : SEARCH_PATH.split(":")) {
      if (Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }

  private static boolean systemdRunning() {
    return Files.isDirectory(Path.of("/run/systemd/system"));
  }
}
