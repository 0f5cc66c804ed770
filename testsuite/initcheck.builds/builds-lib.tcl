# Helpers of the build-integration tests (sourced by the .exp files here).

proc sh_run { cmd } {
    verbose -log "Executing: $cmd"
    set rc [catch { exec env LC_ALL=C sh -c $cmd 2>@1 } out]
    if { $rc } { set rc [lindex [lindex $::errorCode 2] 0]; if { $rc eq "" } { set rc 1 } }
    send_log -- "$out\n"
    return [list $rc $out]
}
# COND is an expression evaluated in the caller.
proc ok_if { name cond {log ""} } {
    if { [uplevel 1 [list expr $cond]] } {
	pass $name
    } else {
	fail $name
	if { $log ne "" } { send_log "[uplevel 1 [list subst $log]]\n" }
    }
}
# A test that needs a program this machine lacks is UNSUPPORTED, with why.
proc need_program { prog what } {
    if { [catch { exec sh -c "command -v $prog" }] } {
	unsupported "$what: $prog is not installed"
	return 0
    }
    return 1
}
# A work directory for daemons that drop root for their own user
# (distccd, iceccd): under /tmp, where every user can reach it, since the
# build tree may sit below a directory only root can enter (mktemp -d).
proc daemon_dir { name } {
    set dir /tmp/initcheck-$name-[pid]
    file delete -force $dir
    file mkdir $dir
    file attributes $dir -permissions 0755
    return $dir
}
