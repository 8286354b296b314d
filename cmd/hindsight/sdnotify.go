package main

import (
	"fmt"
	"net"
)

// sdNotify sends a state line such as "READY=1" to systemd's notification
// socket, named by $NOTIFY_SOCKET. Without the variable (not started by
// systemd with Type=notify) it does nothing.
func sdNotify(socket, state string) error {
	if socket == "" {
		return nil
	}
	if socket[0] == '@' { // abstract socket namespace
		socket = "\x00" + socket[1:]
	}
	conn, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: socket, Net: "unixgram"})
	if err != nil {
		return fmt.Errorf("sd_notify %s: %w", state, err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(state)); err != nil {
		return fmt.Errorf("sd_notify %s: %w", state, err)
	}
	return nil
}
