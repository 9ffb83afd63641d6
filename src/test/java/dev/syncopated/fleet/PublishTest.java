package dev.syncopated.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncopated.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'syncopated publish' through the real parser, into real git repositories made with jgit. */
class PublishTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path spec(String swappiness, String extraRole) throws Exception {
        Files.writeString(tmp.resolve("common.yaml"), "roles:\n  audio_sysctl: { swappiness: " + swappiness + " }\n");
        Path spec = tmp.resolve("stage.yaml");
        Files.writeString(spec, "name: stage\ninclude: [common.yaml]\nfleet:\n  repo: https://git.example.org/stage.git\n"
                + "  branch: live\nhosts:\n  tracker:\n    roles:\n      rtirq: present\n" + extraRole
                + "  mixer: {}\n", StandardCharsets.UTF_8);
        return spec;
    }

    JsonNode publish(Path spec, Path repo) throws Exception {
        CliRun run = CliRun.of("publish", spec.toString(), "--repo", repo.toString(), "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(run.out());
    }

    @Test
    void aFirstPublishCommitsTheProjectTheSpecsAndThePlanOnTheFleetBranch() throws Exception {
        Path repo = tmp.resolve("fleet");

        JsonNode result = publish(spec("10", ""), repo);

        assertEquals("live", result.path("branch").asText());
        try (Git git = Git.open(repo.toFile())) {
            assertEquals("live", git.getRepository().getBranch());
            RevCommit head = git.log().call().iterator().next();
            assertEquals(result.path("commit").asText(), head.getName());
            assertEquals("publish stage: 2 hosts\n\ntracker: +rtirq (present), +audio_sysctl (present)\nmixer: +audio_sysctl (present)\n",
                    head.getFullMessage());
        }
        for (String file : List.of("ansible.cfg", "inventory/hosts.yml", "playbooks/site.yml", "roles/rtirq/tasks/main.yml",
                "plugins/callback/syncopated_events.py", "spec/stage.yaml", "spec/common.yaml", "plan.json", "syncopated.json")) {
            assertTrue(Files.isRegularFile(repo.resolve(file)), file);
        }
        assertEquals("spec/stage.yaml", JSON.readTree(repo.resolve("syncopated.json").toFile()).path("spec").asText());
    }

    @Test
    void theSameSpecAgainMakesNoCommitAndAChangeNamesWhatChangedPerHost() throws Exception {
        Path repo = tmp.resolve("fleet");
        String first = publish(spec("10", ""), repo).path("commit").asText();

        JsonNode same = publish(spec("10", ""), repo);
        assertTrue(same.path("commit").isNull(), same.toString());
        assertEquals(first, same.path("head").asText());

        JsonNode changed = publish(spec("20", "      usb_audio: { devices: ['1397:0508'] }\n"), repo);
        assertEquals("publish stage: 2 hosts changed\n\n"
                + "tracker: audio_sysctl swappiness 10 -> 20; +usb_audio (present)\n"
                + "mixer: audio_sysctl swappiness 10 -> 20\n", changed.path("message").asText());

        Files.writeString(spec("20", ""), Files.readString(tmp.resolve("stage.yaml")).replace("      rtirq: present\n", ""));
        JsonNode removed = publish(tmp.resolve("stage.yaml"), repo);
        assertEquals("publish stage: 1 host changed\n\ntracker: -rtirq; -usb_audio\n", removed.path("message").asText());
    }

    @Test
    void filesThatAreNotSyncopatedsAreLeftAloneAndUncommitted() throws Exception {
        Path repo = tmp.resolve("fleet");
        publish(spec("10", ""), repo);
        Files.writeString(repo.resolve("README.md"), "our fleet\n");
        Files.writeString(repo.resolve("roles/stray.txt"), "inside a directory syncopated owns\n");

        publish(spec("11", ""), repo);

        assertEquals("our fleet\n", Files.readString(repo.resolve("README.md")));
        assertFalse(Files.exists(repo.resolve("roles/stray.txt")), "roles/ is replaced as a whole");
        try (Git git = Git.open(repo.toFile())) {
            assertEquals(java.util.Set.of("README.md"), git.status().call().getUntracked());
        }
    }

    @Test
    void aWorkingTreeOnAnotherBranchOrANonEmptyDirectoryIsRefused() throws Exception {
        Path repo = tmp.resolve("fleet");
        publish(spec("10", ""), repo);
        try (Git git = Git.open(repo.toFile())) {
            git.checkout().setCreateBranch(true).setName("experiment").call();
        }
        CliRun wrongBranch = CliRun.of("publish", tmp.resolve("stage.yaml").toString(), "--repo", repo.toString());
        assertEquals(3, wrongBranch.exitCode());
        assertEquals("syncopated: error: the working tree is on branch 'experiment', but the spec's fleet branch is 'live'; "
                + "switch to it first: git -C " + repo + " switch live (or -c to create it)\n", wrongBranch.err());

        Path notGit = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(notGit.resolve("todo.txt"), "x");
        CliRun refused = CliRun.of("publish", tmp.resolve("stage.yaml").toString(), "--repo", notGit.toString());
        assertEquals(3, refused.exitCode());
        assertTrue(refused.err().startsWith("syncopated: error: '" + notGit + "' is not a git working tree and not empty"), refused.err());
    }

    @Test
    void pushGoesToOriginAndAnInvalidSpecIsNeverPublished() throws Exception {
        Path bare = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
        Path repo = tmp.resolve("fleet");
        Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(repo.toFile()).call().close();

        CliRun run = CliRun.of("publish", spec("10", "").toString(), "--repo", repo.toString(), "--push");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("pushed live to " + bare.toUri()), run.out());
        try (Git remote = Git.open(bare.toFile())) {
            assertTrue(remote.getRepository().resolve("refs/heads/live") != null, "the branch is on the remote");
        }

        Files.writeString(tmp.resolve("stage.yaml"), Files.readString(tmp.resolve("stage.yaml")).replace("rtirq: present", "rtirq: presnt"));
        CliRun invalid = CliRun.of("publish", tmp.resolve("stage.yaml").toString(), "--repo", repo.toString(), "--push");
        assertEquals(1, invalid.exitCode());
        assertTrue(invalid.err().contains("unknown state 'presnt'"), invalid.err());
    }
}
