package org.dhad.ui.internal.navigator;

import org.dhad.ui.internal.navigator.NavigatorNode.Folder;
import org.eclipse.jface.viewers.ITreeContentProvider;

/** The navigator tree's content: the folders, files and runs of a {@link WorkspaceTree} as it was last read. */
final class TreeContent implements ITreeContentProvider {

    private final WorkspaceTree tree;

    TreeContent(WorkspaceTree tree) {
        this.tree = tree;
    }

    @Override
    public Object[] getElements(Object input) {
        return tree.roots().toArray();
    }

    @Override
    public Object[] getChildren(Object parentElement) {
        return tree.children((NavigatorNode) parentElement).toArray();
    }

    @Override
    public Object getParent(Object element) {
        return tree.parent((NavigatorNode) element);
    }

    @Override
    public boolean hasChildren(Object element) {
        return element instanceof Folder && !tree.children((NavigatorNode) element).isEmpty();
    }
}
