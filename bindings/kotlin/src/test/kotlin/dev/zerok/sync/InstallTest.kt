package dev.zerok.sync

import com.sun.jna.Library
import com.sun.jna.NativeLibrary
import java.io.File
import java.security.MessageDigest
import java.util.jar.JarFile
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import org.junit.jupiter.api.Test

/**
 * The suite tests the build it was pointed at, not whatever library JNA happened to find.
 *
 * scripts/test-kotlin runs it in a temp Maven project against the jar installed from the
 * Maven repository that scripts/package made; ZEROK_INSTALLED_JAR names that repository's
 * jar. Then the classes must come from an identical jar, and JNA must have loaded the library
 * that jar carries: JNA copies a library it finds on the classpath (`linux-x86-64/`) to a temp
 * file `jna<digits>.tmp`, loads that and deletes it, so the process maps a deleted file of that
 * name. No `jna.library.path` may be set, and no file named `libzerok_sync_ffi.so` may be
 * mapped from anywhere (the workspace's target/release, a system path). A development run
 * (`mvn test` in bindings/kotlin) must use the library in `jna.library.path`, the workspace's.
 */
class InstallTest {
    private val libraryFile = "libzerok_sync_ffi.so"

    @Test
    fun theLoadedLibraryIsTheOneUnderTest() {
        version() // loads the library, as any first call does
        // The instance the generated code registered (Native.register passes its class loader).
        val loaded = NativeLibrary.getInstance(
            "zerok_sync_ffi",
            mapOf(Library.OPTION_CLASSLOADER to SyncClient::class.java.classLoader),
        ).file.canonicalFile
        val mapped = mappedFiles()
        assertTrue(loaded.path in mapped, "$loaded is not mapped: JNA loaded another copy")

        val installedJar = System.getenv("ZEROK_INSTALLED_JAR")
        if (installedJar == null) {
            val dir = assertNotNull(System.getProperty("jna.library.path"), "a development run sets jna.library.path")
            assertEquals(File(dir, libraryFile).canonicalFile, loaded)
            return
        }

        assertNull(System.getProperty("jna.library.path"), "an installed package needs no jna.library.path")
        assertNull(System.getProperty("uniffi.component.zerok_sync.libraryOverride"))
        val jar = File(SyncClient::class.java.protectionDomain.codeSource.location.toURI())
        assertTrue(jar.isFile && jar.name.endsWith(".jar"), "the classes come from $jar, not from a jar")
        assertEquals(sha256(File(installedJar)), sha256(jar), "$jar is not the artifact $installedJar")
        assertNotNull(JarFile(jar).use { it.getJarEntry("linux-x86-64/$libraryFile") }, "$jar carries no library")
        assertTrue(
            Regex("jna-?[0-9]+\\.tmp").matches(loaded.name) && mapped[loaded.path] == true && !loaded.exists(),
            "JNA did not load a copy unpacked from the classpath but $loaded",
        )
        val others = mapped.keys.filter { it.endsWith("/$libraryFile") }
        assertTrue(others.isEmpty(), "a library file outside the jar is mapped: $others")
    }

    /** The files this process has mapped (Linux): path to whether it was deleted since. */
    private fun mappedFiles(): Map<String, Boolean> = File("/proc/self/maps").readLines()
        .mapNotNull { Regex("""\s(/.*?)( \(deleted\))?$""").find(it)?.groupValues }
        .associate { it[1] to it[2].isNotEmpty() }

    private fun sha256(file: File): String =
        MessageDigest.getInstance("SHA-256").digest(file.readBytes()).joinToString("") { "%02x".format(it) }
}
