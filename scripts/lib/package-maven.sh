# Sourced by scripts/package: the Kotlin/JVM package as a Maven repository (OUT/maven, the
# layout Maven Central serves): dev/zerok/zerok-sync/VERSION/ with the jar (its classes and the
# shipped library under linux-x86-64/, where JNA finds it on the classpath), the sources and
# javadoc jars, the pom with its publishing metadata, and checksums. A user's pom names the
# repository (file://OUT/maven, or Central once published) and one dependency; see
# bindings/kotlin/README.md. scripts/test-kotlin installs from it.
#
#   package_maven OUT VERSION    OUT/native/libzerok_sync_ffi.so must exist (the shipped copy)

package_maven() {
    local out=$1 version=$2
    local pom_version
    pom_version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' bindings/kotlin/pom.xml)
    [[ $pom_version == "$version" ]] ||
        { echo "package_maven: bindings/kotlin/pom.xml has version $pom_version, not $version" >&2; return 1; }
    # A copy of the package's sources, built in a temp dir: bindings/kotlin/target belongs to the
    # development builds (`mvn test` there, scripts/lib/languages.sh), which may
    # run meanwhile; and no stale class or resource of theirs can reach the jar.
    local stage
    stage=$(mktemp -d)
    mkdir -p "$stage/src" "$stage/native/linux-x86-64"
    cp bindings/kotlin/pom.xml "$stage/"
    cp -r bindings/kotlin/src/main "$stage/src/"
    cp "$out/native/libzerok_sync_ffi.so" "$stage/native/linux-x86-64/"
    rm -rf "$out/maven"
    local log="$stage/mvn.log"
    # maven.test.skip: the tests need a relay and a library path; scripts/test-kotlin runs them
    # against this repository once it is made.
    (cd "$stage" && mvn -B -q -Dzerok.native.dir="$stage/native" -Dmaven.test.skip=true \
        -DaltDeploymentRepository="zerok-artifacts::file://$out/maven" deploy) >"$log" 2>&1 ||
        { cat "$log" >&2; rm -rf "$stage"; echo "package_maven: mvn deploy failed" >&2; return 1; }
    local jar="$out/maven/dev/zerok/zerok-sync/$version/zerok-sync-$version.jar"
    unzip -l "$jar" linux-x86-64/libzerok_sync_ffi.so >/dev/null ||
        { rm -rf "$stage"; echo "package_maven: $jar lacks linux-x86-64/libzerok_sync_ffi.so" >&2; return 1; }
    rm -rf "$stage"
}
